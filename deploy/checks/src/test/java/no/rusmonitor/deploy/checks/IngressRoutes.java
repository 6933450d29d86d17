package no.rusmonitor.deploy.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which Service the Ingress sends a path to: Prefix paths match whole segments, the longest wins. */
final class IngressRoutes {

    private record Route(String path, String type, String service) {
    }

    private final List<Route> routes = new ArrayList<>();

    static IngressRoutes of(Overlays.Manifests m) {
        IngressRoutes routes = new IngressRoutes();
        for (Map<String, Object> ingress : m.ofKind("Ingress")) {
            for (Map<String, Object> rule : Yamls.mapsAt(ingress, "spec.rules")) {
                for (Map<String, Object> path : Yamls.mapsAt(rule, "http.paths")) {
                    routes.routes.add(new Route(String.valueOf(path.get("path")), String.valueOf(path.get("pathType")),
                            Yamls.string(path, "backend.service.name")));
                }
            }
        }
        return routes;
    }

    String serviceFor(String requestPath) {
        Route best = null;
        for (Route route : routes) {
            boolean match = route.type().equals("Exact") ? requestPath.equals(route.path()) : prefixMatches(route.path(), requestPath);
            if (match && (best == null || route.path().length() > best.path().length()
                    || (route.path().length() == best.path().length() && route.type().equals("Exact")))) {
                best = route;
            }
        }
        return best == null ? null : best.service();
    }

    private static boolean prefixMatches(String prefix, String path) {
        String p = prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.equals("/") || path.equals(p) || path.startsWith(p + "/");
    }
}
