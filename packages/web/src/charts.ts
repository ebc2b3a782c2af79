/**
 * Bar charts with Chart.js, made accessible: the canvas is an image whose accessible name states
 * every bar's value, each bar carries its value as text, there is no animation (nothing moves,
 * and the picture is final as soon as it is drawn), and every chart is followed by a table of the
 * same numbers (built by the sections) with their evidence.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
  type Plugin,
  Tooltip,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** Colours with at least 4.5:1 contrast against the white background. */
export const colours = {
  text: "#1b1b1b",
  muted: "#4a4a4a",
  grid: "#d9d9d9",
  bar: "#1d5a96",
  barAlt: "#8a3b00",
  barContested: "#a3153a",
} as const;

Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = colours.text;
Chart.defaults.animation = false;

export interface BarChartOptions {
  /** Identifier, also set as `data-chart` on the canvas. */
  id: string;
  /** What the chart shows, read first by screen readers. */
  title: string;
  /** One label per bar (an array gives several lines). */
  labels: (string | string[])[];
  /** Bar lengths. */
  values: number[];
  /** Text drawn at the end of each bar and read in the accessible name (e.g. "about 900"). */
  valueTexts: string[];
  /** Bars run left to right (true) or bottom to top. */
  horizontal?: boolean;
  /** Axis title of the values (e.g. "Cases"). */
  axisTitle: string;
  /** One colour for all bars, or one per bar. */
  colour?: string | string[];
  /** Pixel height of the chart area. */
  height?: number;
  /** Widest the chart may grow (CSS length), so that few bars do not stretch across a wide screen. */
  maxWidth?: string;
  /** Shorter labels and value texts used when the chart is narrower than 560 px (phones). */
  compact?: { labels: (string | string[])[]; valueTexts: string[] };
  /** Per bar: the number is not exact ("about", "more than", "at least", "up to", a range); drawn outlined and lighter. */
  inexact?: boolean[];
  /** The documents the bars come from, named in the chart's "Source:" line. */
  sources: string[];
  /** What the compact (phone) texts abbreviate, shown under the chart when they are drawn. */
  compactKey?: string;
}

/**
 * A chart's permalink (`/charts/<id>`) and embed address (`/charts/<id>/embed`): the server's
 * routes (packages/api/src/http/permalinks.ts), which work in link previews and without script.
 */
export function chartLinks(id: string): { permalink: string; embed: string } {
  const permalink = `/charts/${encodeURIComponent(id)}`;
  return { permalink, embed: `${permalink}/embed` };
}

/** "#1d5a96" → "rgba(29, 90, 150, 0.35)": the light fill of an inexact bar. */
function lighter(colour: string, alpha = 0.35): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(colour.slice(at, at + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Draws each bar's value text just past its end. */
const valueLabels: Plugin<"bar"> = {
  id: "fentraceValueLabels",
  afterDatasetsDraw(chart) {
    const texts =
      (chart.options.plugins as { fentraceValueLabels?: { texts: string[] } }).fentraceValueLabels?.texts ?? [];
    const horizontal = chart.options.indexAxis === "y";
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = colours.text;
    ctx.font = `600 13px ${Chart.defaults.font.family}`;
    ctx.textBaseline = horizontal ? "middle" : "bottom";
    ctx.textAlign = horizontal ? "left" : "center";
    chart.getDatasetMeta(0).data.forEach((bar, index) => {
      const text = texts[index];
      if (!text) return;
      const { x, y } = bar.getProps(["x", "y"], true) as { x: number; y: number };
      if (horizontal) ctx.fillText(text, x + 6, y);
      else ctx.fillText(text, x, y - 4);
    });
    ctx.restore();
  },
  afterRender(chart) {
    chart.canvas.dataset.rendered = "true";
  },
};

/** The accessible description of a chart: its title, then every bar and value. */
export function describeChart(options: Pick<BarChartOptions, "title" | "labels" | "valueTexts">): string {
  const bars = options.labels.map(
    (label, index) => `${Array.isArray(label) ? label.join(" ") : label}: ${options.valueTexts[index]}`,
  );
  return `${options.title}. ${bars.join("; ")}.`;
}

/** Renders a bar chart into `container` and returns the Chart instance. */
export function renderBarChart(container: HTMLElement, options: BarChartOptions): Chart<"bar"> {
  // The chart, its legend and its Source line: what a permalink scrolls to and an embed shows.
  const figure = document.createElement("figure");
  figure.className = "chart-figure";
  figure.id = `chart-${options.id}`;
  figure.dataset.chartFigure = options.id;
  figure.dataset.title = options.title;
  const wrapper = document.createElement("div");
  wrapper.className = "chart";
  wrapper.style.height = `${options.height ?? Math.max(220, options.values.length * 52 + 70)}px`;
  if (options.maxWidth) wrapper.style.maxWidth = options.maxWidth;
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", describeChart(options));
  canvas.dataset.chart = options.id;
  canvas.dataset.labels = JSON.stringify(
    options.labels.map((label) => (Array.isArray(label) ? label.join(" ") : label)),
  );
  canvas.dataset.values = JSON.stringify(options.values);
  canvas.textContent = describeChart(options); // fallback content for browsers without canvas
  const inexact = options.inexact ?? options.values.map(() => false);
  canvas.dataset.inexact = JSON.stringify(inexact);
  wrapper.append(canvas);
  figure.append(wrapper);
  container.append(figure);
  // On a narrow screen, draw the short forms (the accessible name keeps the full ones).
  const isCompact = Boolean(options.compact) && wrapper.clientWidth < 560;
  const drawn = isCompact && options.compact ? { ...options, ...options.compact } : options;
  const caption = document.createElement("figcaption");
  caption.className = "chart-caption";
  if (inexact.some(Boolean)) {
    const legend = document.createElement("p");
    legend.className = "chart-legend";
    const solid = document.createElement("span");
    solid.className = "swatch swatch-exact";
    solid.setAttribute("aria-hidden", "true");
    const outlined = document.createElement("span");
    outlined.className = "swatch swatch-inexact";
    outlined.setAttribute("aria-hidden", "true");
    legend.append(
      solid,
      " exact number · ",
      outlined,
      " not exact: “about”, “more than”, “at least”, “up to” or a range",
    );
    caption.append(legend);
  }
  if (isCompact && options.compactKey) {
    const key = document.createElement("p");
    key.className = "chart-key";
    key.textContent = `Key: ${options.compactKey}.`;
    caption.append(key);
  }
  const source = document.createElement("p");
  source.className = "chart-source";
  source.textContent = `Source: ${options.sources.join("; ")}. Processed by Fentrace.`;
  const links = chartLinks(options.id);
  const linkLine = document.createElement("p");
  linkLine.className = "chart-links";
  const permalink = document.createElement("a");
  permalink.href = links.permalink;
  permalink.textContent = "Link to this chart";
  const embed = document.createElement("a");
  embed.href = links.embed;
  embed.textContent = "Embed this chart";
  linkLine.append(permalink, " · ", embed);
  caption.append(source, linkLine);
  figure.append(caption);

  const horizontal = options.horizontal ?? true;
  const valueAxis = horizontal ? "x" : "y";
  const maxValue = Math.max(...options.values, 0);
  // Horizontal bars: leave room right of the chart for the longest value text.
  const textRoom = horizontal ? Math.max(...drawn.valueTexts.map(textWidth), 0) + 12 : 0;
  const config: ChartConfiguration<"bar"> = {
    type: "bar",
    data: {
      labels: drawn.labels,
      datasets: [
        {
          label: options.axisTitle,
          data: options.values,
          backgroundColor: options.values.map((_, index) => {
            const colour = (Array.isArray(options.colour) ? options.colour[index] : options.colour) ?? colours.bar;
            return inexact[index] ? lighter(colour) : colour;
          }),
          borderColor: options.values.map(
            (_, index) => (Array.isArray(options.colour) ? options.colour[index] : options.colour) ?? colours.bar,
          ),
          borderWidth: inexact.map((value) => (value ? 2 : 0)),
          maxBarThickness: 44,
        },
      ],
    },
    options: {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      // Room for the value texts past the longest bar.
      layout: { padding: horizontal ? { right: textRoom } : { top: 22 } },
      scales: {
        [valueAxis]: {
          beginAtZero: true,
          // Vertical bars: headroom above the tallest bar for its value text.
          suggestedMax: horizontal ? undefined : maxValue * 1.15,
          grid: { color: colours.grid },
          ticks: { color: colours.muted, maxTicksLimit: 6, callback: (value) => compactNumber(Number(value)) },
          title: { display: true, text: options.axisTitle, color: colours.muted },
        },
        [horizontal ? "y" : "x"]: {
          grid: { display: false },
          ticks: { color: colours.text, autoSkip: false },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => options.valueTexts[item.dataIndex] ?? String(item.raw) } },
        ...({ fentraceValueLabels: { texts: drawn.valueTexts } } as object),
      },
    },
    plugins: [valueLabels],
  };
  return new Chart(canvas, config);
}

let measuring: CanvasRenderingContext2D | null = null;

/** Width in pixels of a value text as the plugin draws it. */
function textWidth(text: string): number {
  measuring ??= document.createElement("canvas").getContext("2d");
  if (!measuring) return text.length * 8;
  measuring.font = `600 13px ${Chart.defaults.font.family}`;
  return Math.ceil(measuring.measureText(text).width);
}

/** 20400000 → "20.4M", 6804 → "6.8k": axis ticks only (the bars carry the full numbers). */
export function compactNumber(value: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(value);
}
