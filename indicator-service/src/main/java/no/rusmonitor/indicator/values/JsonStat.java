package no.rusmonitor.indicator.values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.rusmonitor.indicator.definition.IndicatorDefinition;

/**
 * Values as a JSON-stat 2.0 dataset (https://json-stat.org/format/), the format statistics tools read:
 * dimensions indicator × area × year, values in that order (year fastest), {@code null} where there is no
 * value to show, and the status of such cells as Statistics Norway writes it ({@code :} suppressed,
 * {@code ..} missing). In an analyst's dataset a withheld cell has both its number and {@code :}.
 */
final class JsonStat {

    private JsonStat() {
    }

    static Map<String, Object> dataset(String label, List<IndicatorDefinition> indicators, List<String> areas, Map<String, String> areaNames,
            List<Integer> years, List<ValueView> values, Map<String, Object> extension) {
        Map<String, ValueView> byCell = new LinkedHashMap<>();
        for (ValueView v : values) {
            byCell.put(v.indicatorId() + "|" + v.areaCode() + "|" + v.year(), v);
        }
        List<Object> numbers = new ArrayList<>();
        Map<String, String> status = new LinkedHashMap<>();
        int index = 0;
        for (IndicatorDefinition indicator : indicators) {
            for (String area : areas) {
                for (int year : years) {
                    ValueView v = byCell.get(indicator.id() + "|" + area + "|" + year);
                    if (v == null || v.value() == null) {
                        numbers.add(null);
                    } else {
                        numbers.add(BigDecimal.valueOf(v.value()).setScale(indicator.decimals(), RoundingMode.HALF_UP));
                    }
                    // An analyst's withheld cell keeps its number and its ':', so a file passed on still says
                    // which figures must not be published.
                    if (v != null && v.hidden()) {
                        status.put(Integer.toString(index), ":");
                    } else if (v == null || v.value() == null) {
                        status.put(Integer.toString(index), "..");
                    }
                    index++;
                }
            }
        }
        Map<String, Object> indicatorIndex = new LinkedHashMap<>();
        Map<String, Object> indicatorLabel = new LinkedHashMap<>();
        Map<String, Object> units = new LinkedHashMap<>();
        for (int i = 0; i < indicators.size(); i++) {
            IndicatorDefinition d = indicators.get(i);
            indicatorIndex.put(d.id(), i);
            indicatorLabel.put(d.id(), d.name().en());
            units.put(d.id(), Map.of("label", d.unit(), "decimals", d.decimals()));
        }
        Map<String, Object> areaIndex = new LinkedHashMap<>();
        Map<String, Object> areaLabel = new LinkedHashMap<>();
        for (int i = 0; i < areas.size(); i++) {
            areaIndex.put(areas.get(i), i);
            areaLabel.put(areas.get(i), areaNames.getOrDefault(areas.get(i), areas.get(i)));
        }
        Map<String, Object> yearIndex = new LinkedHashMap<>();
        for (int i = 0; i < years.size(); i++) {
            yearIndex.put(Integer.toString(years.get(i)), i);
        }
        Map<String, Object> dimension = new LinkedHashMap<>();
        dimension.put("indicator", Map.of("label", "indicator", "category", Map.of("index", indicatorIndex, "label", indicatorLabel, "unit", units)));
        dimension.put("area", Map.of("label", "area", "category", Map.of("index", areaIndex, "label", areaLabel)));
        dimension.put("year", Map.of("label", "year", "category", Map.of("index", yearIndex)));

        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("version", "2.0");
        dataset.put("class", "dataset");
        dataset.put("label", label);
        dataset.put("source", "Rusmonitor indicator-service");
        dataset.put("id", List.of("indicator", "area", "year"));
        dataset.put("size", List.of(indicators.size(), areas.size(), years.size()));
        dataset.put("role", Map.of("time", List.of("year"), "geo", List.of("area"), "metric", List.of("indicator")));
        dataset.put("dimension", dimension);
        dataset.put("value", numbers);
        dataset.put("status", status);
        dataset.put("extension", extension);
        return dataset;
    }
}
