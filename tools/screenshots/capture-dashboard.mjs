// Photographs a running Aspire dashboard for the README: one order's saga trace (the waterfall from the PlaceOrder call
// through the workflow, its activities and every service down to its database) and the saga metrics.
//
//   node capture-dashboard.mjs --order-id ord-... [--dashboard http://localhost:15180] [--out-dir DIR]
//                              [--chromium /usr/bin/chromium] [--timeout-seconds 300]
//
// The dashboard must allow anonymous access (ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true) and the order must have
// ended; capture-dashboard-trace.sh next to this file sets all of that up. Chromium is Debian's (`apt-get install -y
// chromium`): playwright-core drives it and downloads no browser of its own.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sagaResources = ['order', 'orchestrator', 'restaurant', 'payment', 'delivery'];

// Longer than the OTLP exporters' batch delay (5 s): a trace whose span count did not move for this long is complete.
const quietPeriodMs = 7_000;

const { values: options } = parseArgs({
  options: {
    'order-id': { type: 'string' },
    dashboard: { type: 'string', default: 'http://localhost:15180' },
    'out-dir': { type: 'string', default: path.join(repositoryRoot, 'docs', 'images') },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    'timeout-seconds': { type: 'string', default: '300' },
  },
});

const orderId = options['order-id'];
if (!orderId || !/^ord-[0-9a-f]+$/.test(orderId)) {
  fail('--order-id must be an order id such as ord-0123456789abcdef0123');
}
const timeoutSeconds = Number(options['timeout-seconds']);
if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
  fail('--timeout-seconds must be a positive number');
}
const dashboard = options.dashboard.replace(/\/+$/, '');
const timeoutMs = timeoutSeconds * 1000;
const deadline = Date.now() + timeoutMs;

const traceId = await waitFor(`the trace of ${orderId} in the dashboard`, findSagaTraceId);
log(`trace ${traceId}`);
const spanCount = await waitForCompleteTrace(traceId);
log(`trace complete: ${spanCount} spans from ${sagaResources.join(', ')}`);

await mkdir(options['out-dir'], { recursive: true });
const browser = await chromium.launch({
  executablePath: options.chromium,
  // Containers run this as root, where Chromium's sandbox cannot start.
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, colorScheme: 'light' });
  page.setDefaultTimeout(Math.max(deadline - Date.now(), 30_000));
  await captureTrace(page, traceId, spanCount, path.join(options['out-dir'], 'aspire-dashboard-saga-trace.png'));
  await captureMetrics(page, path.join(options['out-dir'], 'aspire-dashboard-saga-metrics.png'));
} finally {
  await browser.close();
}

/** Traces page → filter "PlaceOrder" → the order's trace → its waterfall, once Blazor rendered every span. */
async function captureTrace(page, id, expectedSpans, file) {
  await page.goto(`${dashboard}/traces`);
  const filter = page.locator('fluent-text-input[name="traces-search"]');
  await filter.waitFor();
  await filter.click();
  await page.keyboard.type('PlaceOrder');
  await page.locator(`td[role="gridcell"][title*="Trace Id: ${id}"]`).click();
  await page.waitForURL(`**/traces/detail/${id}**`);

  // The header counts what Blazor rendered; equal to the API's count means the whole trace arrived in the page.
  const totalSpans = page.locator('.trace-header div').filter({ hasText: 'Total spans' }).locator('strong');
  await waitForText(totalSpans, String(expectedSpans));
  for (const row of [
    'order: POST /fooddelivery.order.v1.OrderingApi/PlaceOrder',
    'order: StartWorkflow:OrderSaga',
    'orchestrator: RunWorkflow:OrderSaga',
  ]) {
    await page.locator(`td[title="${row}"]`).first().waitFor();
  }
  await page.locator('td[title^="orchestrator: RunActivity:"]').first().waitFor();
  await page.locator('td[title^="order: DATA sqlite"]').first().waitFor();
  await settle(page);
  await page.screenshot({ path: file });
  log(`saved ${path.relative(process.cwd(), file)}`);
}

/** Metrics page → orchestrator → FoodDelivery.Saga → the saga duration histogram, once its chart is drawn. */
async function captureMetrics(page, file) {
  await page.goto(
    `${dashboard}/metrics/resource/orchestrator?meter=FoodDelivery.Saga&instrument=fooddelivery.saga.duration`);
  await page.locator('.metrics-chart-header h3', { hasText: 'fooddelivery.saga.duration' }).waitFor();
  await page.locator('text=fooddelivery.orders.placed').first().waitFor();
  await page.locator('.js-plotly-plot svg.main-svg').first().waitFor();
  await page.locator('button.dimension-tag', { hasText: 'Delivered' }).first().waitFor();
  await settle(page);
  await page.screenshot({ path: file });
  log(`saved ${path.relative(process.cwd(), file)}`);
}

/**
 * No hover highlight in the picture, no banners, and Blazor's pending render batches applied. The dev-certificate and
 * "unsecured" banners are about this throwaway local run, not what the image shows; they arrive at no fixed moment, so
 * they are hidden by a style rather than dismissed.
 */
async function settle(page) {
  await page.addStyleTag({ content: '.messagebar-container { display: none !important; }' });
  await page.mouse.move(0, 0);
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function waitForText(locator, expected) {
  await waitFor(`"${expected}" in the page`, async () => (await locator.textContent())?.trim() === expected || null);
}

/** The order service's StartWorkflow span carries the saga's workflow id (order-<order id>). */
async function findSagaTraceId() {
  const spans = flatten(await getJson('/api/telemetry/spans?resource=order&limit=10000'));
  const start = spans.find(span =>
    span.name.startsWith('StartWorkflow:') && span.attributes.temporalWorkflowID?.endsWith(orderId));
  return start?.traceId ?? null;
}

/** Spans from all five processes, and no new span for a whole exporter batch delay. */
async function waitForCompleteTrace(id) {
  let previous = -1;
  return waitFor(`every span of trace ${id}`, async () => {
    const spans = flatten(await getJson(`/api/telemetry/traces/${id}`));
    const resources = new Set(spans.map(span => span.resource));
    const complete = sagaResources.every(name => resources.has(name)) && spans.length === previous;
    previous = spans.length;
    return complete ? spans.length : null;
  }, quietPeriodMs);
}

/** The dashboard's telemetry API answers in OTLP JSON: resource → scope → spans. */
function flatten(otlp) {
  return (otlp?.data?.resourceSpans ?? []).flatMap(resourceSpans => {
    const resource = attributeMap(resourceSpans.resource?.attributes)['service.name'];
    return (resourceSpans.scopeSpans ?? []).flatMap(scope => (scope.spans ?? []).map(span => ({
      resource,
      name: span.name,
      traceId: span.traceId,
      attributes: attributeMap(span.attributes),
    })));
  });
}

function attributeMap(attributes) {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, Object.values(value ?? {})[0]]));
}

async function getJson(relativeUrl) {
  const response = await fetch(dashboard + relativeUrl);
  if (response.status === 401 || response.status === 403) {
    fail(`the dashboard refused ${relativeUrl} (${response.status}): start the AppHost with ` +
      'ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true');
  }
  return response.ok ? response.json() : null;
}

/** Polls until `probe` returns a non-null value; a dashboard that is not up yet counts as "not yet". */
async function waitFor(what, probe, intervalMs = 2_000) {
  for (;;) {
    let value = null;
    try {
      value = await probe();
    } catch (error) {
      if (error?.cause?.code !== 'ECONNREFUSED') {
        throw error;
      }
    }
    if (value !== null && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      fail(`timed out after ${timeoutSeconds} s waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

function log(message) {
  console.log(`capture-dashboard: ${message}`);
}

function fail(message) {
  console.error(`capture-dashboard: ${message}`);
  process.exit(1);
}
