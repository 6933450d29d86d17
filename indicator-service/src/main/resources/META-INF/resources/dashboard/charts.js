// Charts with ECharts (from its webjar). Every chart also has a text alternative: an aria-label on its
// container summarising the numbers, and the numbers themselves in a table or sentence next to it.
import { number, shown, valueText } from './format.js';
import { t } from './i18n.js';

const COLOR = '#0b5394';
const charts = new WeakMap();

function chartFor(el) {
  let chart = charts.get(el);
  if (!chart && window.echarts) {
    chart = window.echarts.init(el, null, { renderer: 'svg' });
    charts.set(el, chart);
  }
  return chart;
}

/** Frees the charts inside an element that is about to be emptied. */
export function disposeIn(root) {
  root.querySelectorAll('.chart').forEach(el => { const c = charts.get(el); if (c) c.dispose(); charts.delete(el); });
}

export function resizeAll() {
  document.querySelectorAll('.chart').forEach(el => { const c = charts.get(el); if (c) c.resize(); });
}

/** Draws on the chart of {@code el}: categories along x, numbers (in the indicator's decimals) up y. */
function draw(el, categories, decimals, grid, xLabels, series, tooltip) {
  const chart = chartFor(el);
  if (!chart) return;
  chart.setOption({
    animation: false,
    grid,
    xAxis: { type: 'category', data: categories, axisLabel: xLabels },
    yAxis: { type: 'value', scale: true, splitNumber: 3, axisLabel: { fontSize: 10, formatter: x => number(x, decimals) } },
    tooltip,
    series: [series],
  }, true);
}

/** A small line of an indicator's values over the years; withheld and missing years are gaps, not zeros. */
export function trend(el, years, values, decimals) {
  draw(el, years.map(String), decimals, { left: 40, right: 8, top: 8, bottom: 20 }, { fontSize: 10 }, {
    type: 'line', data: values.map(v => (shown(v) ? v.value : null)), connectNulls: false,
    symbolSize: 5, lineStyle: { color: COLOR, width: 2 }, itemStyle: { color: COLOR },
  }, {
    // From the values, not the line's points: a gap is a withheld year (':') or a missing one ('..').
    trigger: 'axis', formatter: points => `${points[0].axisValueLabel}: ${valueText(values[points[0].dataIndex], decimals)}`,
  });
}

/** One box per county: minimum, quartiles, median and maximum of its municipalities' own values. */
export function boxes(el, names, spreads, decimals) {
  draw(el, names, decimals, { left: 48, right: 12, top: 12, bottom: 80 }, { rotate: 40, fontSize: 11 }, {
    type: 'boxplot',
    data: spreads.map(s => (s ? [s.min, s.q1, s.median, s.q3, s.max] : [])),
    itemStyle: { color: '#dbe8f6', borderColor: COLOR },
  }, {
    // In the page's language and decimals: ECharts' own tooltip has English words and a decimal point.
    trigger: 'item', formatter: item => {
      const s = spreads[item.dataIndex];
      const name = window.echarts.format.encodeHTML(names[item.dataIndex]); // the tooltip is HTML
      if (!s) return name;
      return [name, ...['max', 'q3', 'median', 'q1', 'min'].map(k => `${t(k)}: ${number(s[k], decimals)}`)].join('<br>');
    },
  });
}
