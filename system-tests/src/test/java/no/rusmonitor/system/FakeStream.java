package no.rusmonitor.system;

import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plays indicator-service's live stream for the pages a browser opens from now on, while their REST requests
 * still go to the real service: the browser's EventSource is replaced before the page's own scripts run
 * (through the DevTools protocol), each connection opens and says where it begins at once, and the test sends
 * the events it wants. It also counts the page's catalogue requests, and its requests under way. Closing it gives the pages opened
 * afterwards the browser's own EventSource again.
 */
final class FakeStream implements AutoCloseable {

    private static final String SCRIPT = """
            window.__fakeSources = [];
            window.__catalogueLoads = 0;
            window.__fetchesInFlight = 0;
            const realFetch = window.fetch.bind(window);
            window.fetch = (input, init) => {
              if (String(input).split('?')[0].endsWith('api/indicators')) window.__catalogueLoads++;
              window.__fetchesInFlight++;
              // Counted down once the body is read too: the page reads every answer it asks for.
              return realFetch(input, init).then(response => {
                const json = response.json.bind(response);
                response.json = () => json().finally(() => window.__fetchesInFlight--);
                return response;
              }, e => { window.__fetchesInFlight--; throw e; });
            };
            class FakeSource extends EventTarget {
              constructor(url) {
                super();
                this.url = url;
                this.readyState = 1;
                window.__fakeSources.push(this);
                const from = new URL(url, location.href).searchParams.get('lastEventId') || '1';
                setTimeout(() => {
                  this.dispatchEvent(new Event('open'));
                  this.dispatchEvent(new MessageEvent('progress', { data: JSON.stringify({ latestId: Number(from) }), lastEventId: from }));
                }, 0);
              }
              close() { this.readyState = 2; }
            }
            FakeSource.CONNECTING = 0;
            FakeSource.OPEN = 1;
            FakeSource.CLOSED = 2;
            window.EventSource = FakeSource;
            """;

    private final ChromeDriver page;
    private final String identifier;

    private FakeStream(ChromeDriver page, String identifier) {
        this.page = page;
        this.identifier = identifier;
    }

    static FakeStream install(ChromeDriver page) {
        Map<String, Object> added = page.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SCRIPT));
        return new FakeStream(page, String.valueOf(added.get("identifier")));
    }

    /** Sends an event on the page's newest connection, with {@code id} as its event id (none if null). */
    void send(String event, Integer id, JsonNode data) {
        page.executeScript("""
                const sources = window.__fakeSources;
                sources[sources.length - 1].dispatchEvent(new MessageEvent(arguments[0], { data: arguments[2], lastEventId: arguments[1] }));
                """, event, id == null ? "" : String.valueOf(id), data.toString());
    }

    /** How many of the page's requests are under way (asked, and their answer not read yet). */
    long fetchesInFlight() {
        return ((Number) page.executeScript("return window.__fetchesInFlight")).longValue();
    }

    /** How many times the page has asked for the indicator catalogue. */
    long catalogueLoads() {
        return ((Number) page.executeScript("return window.__catalogueLoads")).longValue();
    }

    @Override
    public void close() {
        page.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
    }
}
