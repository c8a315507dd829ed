/**
 * A small Prometheus registry: counters and histograms with labels, written in the text exposition format
 * (version 0.0.4). Runtime-neutral; on Workers each isolate keeps its own counts.
 */

export type Labels = Record<string, string>;

/** A monotonically increasing count per label set. */
export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

/** Observations sorted into cumulative buckets, with their sum and count, per label set. */
export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

/** Holds every metric and renders them for `GET /metrics`. */
export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  histogram(name: string, help: string, buckets: number[]): Histogram;
  /** The whole registry in Prometheus text format. */
  render(): string;
}

/** The content type Prometheus expects for the text format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',')}}`;
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/** Creates an empty registry; asking twice for the same name returns the same metric. */
export function createMetricsRegistry(): MetricsRegistry {
  const renderers = new Map<string, { kind: string; render: () => string[] }>();
  const counters = new Map<string, Counter>();
  const histograms = new Map<string, Histogram>();

  function register(name: string, help: string, kind: string, render: () => string[]): void {
    if (!NAME.test(name)) throw new Error(`metric name "${name}" is not valid: use letters, digits, _ and :`);
    if (renderers.has(name)) throw new Error(`metric "${name}" is already registered as a ${renderers.get(name)?.kind}`);
    renderers.set(name, { kind, render: () => [`# HELP ${name} ${help}`, `# TYPE ${name} ${kind}`, ...render()] });
  }

  return {
    counter(name, help) {
      const existing = counters.get(name);
      if (existing) return existing;
      const series = new Map<string, number>();
      register(name, help, 'counter', () => [...series].map(([key, value]) => `${name}${key} ${formatNumber(value)}`));
      const counter: Counter = {
        inc(labels = {}, by = 1) {
          if (!(by >= 0)) throw new Error(`counter ${name} can only go up; got ${by}`);
          const key = labelText(labels);
          series.set(key, (series.get(key) ?? 0) + by);
        },
      };
      counters.set(name, counter);
      return counter;
    },

    histogram(name, help, buckets) {
      const existing = histograms.get(name);
      if (existing) return existing;
      const bounds = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, HistogramSeries>();
      register(name, help, 'histogram', () =>
        [...series.values()].flatMap((s) => [
          ...[...bounds, Infinity].map(
            (le, i) => `${name}_bucket${labelText({ ...s.labels, le: formatNumber(le) })} ${s.counts[i] ?? 0}`,
          ),
          `${name}_sum${labelText(s.labels)} ${formatNumber(s.sum)}`,
          `${name}_count${labelText(s.labels)} ${s.count}`,
        ]),
      );
      const histogram: Histogram = {
        observe(value, labels = {}) {
          const key = labelText(labels);
          let s = series.get(key);
          if (!s) {
            s = { labels, counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 };
            series.set(key, s);
          }
          // Buckets are cumulative: an observation counts in every bucket whose bound it does not exceed.
          bounds.forEach((bound, i) => {
            if (value <= bound) s.counts[i] = (s.counts[i] ?? 0) + 1;
          });
          s.counts[bounds.length] = (s.counts[bounds.length] ?? 0) + 1;
          s.sum += value;
          s.count += 1;
        },
      };
      histograms.set(name, histogram);
      return histogram;
    },

    render() {
      return [...renderers.values()].flatMap((r) => r.render()).join('\n') + '\n';
    },
  };
}
