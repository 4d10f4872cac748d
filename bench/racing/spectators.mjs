// Spectator load of bench/racing.sh, driven by io.paddock.racing.RacingBench (src/test/java).
// The JDK WebSocket client costs 2-3x the server's CPU on the same cores (measured on this machine);
// Node's ws costs a fraction of it, so the figures measure the servers rather than the client.
//
// Usage: node spectators.mjs <count> <url> [<count> <url> ...]
//   Opens <count> sockets to each <url>, then prints "connected <n>" and "handshakes <n> <ms taken>".
//   Every text frame starting with {"type":"player_update (player_update or player_updates) is
//   scanned, without a JSON parse, for "current_zone":"t<send time in ns>"; each one found is a
//   delivered player update whose latency is receipt time - send time. Send and receipt times are
//   both CLOCK_MONOTONIC (Java's System.nanoTime and Node's process.hrtime on Linux).
// Stdin: "start" and "stop" mark the measured window for the CPU figure;
//   "report <window start ns> <window end ns>" prints, for the updates sent inside the window,
//   "updates <delivered> <bytes per update> <frames between start and stop> <closed>
//   <cpu ms between start and stop>" and the
//   latency histogram as "h <bucket> <count>" lines (bucket = 0.1 ms), then "end"; the process then exits.
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const MARK = Buffer.from('"current_zone":"t');
const PREFIX = Buffer.from('{"type":"player_update');
const CHUNK = 1 << 20;
const sent = [];      // Float64Array chunks: send time of every delivered update (ns)
const latency = [];   // Float64Array chunks: its latency (ns)
let n = 0;
let frames = 0;
let frameBytes = 0;
let frameUpdates = 0;
let closed = 0;

function record(sentNs, nowNs) {
  const chunk = Math.floor(n / CHUNK);
  if (chunk === sent.length) {
    sent.push(new Float64Array(CHUNK));
    latency.push(new Float64Array(CHUNK));
  }
  sent[chunk][n % CHUNK] = sentNs;
  latency[chunk][n % CHUNK] = nowNs - sentNs;
  n++;
}

function onMessage(data, isBinary) {
  const now = Number(process.hrtime.bigint());
  if (isBinary || data.length < PREFIX.length || data.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) !== 0) {
    return;
  }
  let updates = 0;
  for (let at = data.indexOf(MARK); at >= 0; at = data.indexOf(MARK, at + MARK.length)) {
    let value = 0;
    for (let i = at + MARK.length; i < data.length; i++) {
      const c = data[i];
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    record(value, now);
    updates++;
  }
  if (updates > 0) {
    frames++;
    frameBytes += data.length;
    frameUpdates += updates;
  }
}

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    ws.on('message', onMessage);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.on('close', () => { closed++; });
  });
}

const targets = [];
const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
  for (let k = 0; k < Number(args[i]); k++) targets.push(args[i + 1]);
}

const sockets = [];
// At most SPECTATORS_IN_FLIGHT (100) handshakes at once, each finished one making room for the next:
// a burst of thousands makes servers refuse or time out.
const inFlight = Math.max(1, Number(process.env.SPECTATORS_IN_FLIGHT || 100));
const connectStart = process.hrtime.bigint();
try {
  let next = 0;
  const lane = async () => {
    while (next < targets.length) {
      sockets.push(await open(targets[next++]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, targets.length) }, lane));
} catch (e) {
  console.error(`spectators: connect failed after ${sockets.length}: ${e.message}`);
  process.exit(1);
}
const connectMs = Number(process.hrtime.bigint() - connectStart) / 1e6;
closed = 0;
console.log(`connected ${sockets.length}`);
console.log(`handshakes ${sockets.length} ${connectMs.toFixed(0)}`);

let cpuStart = null;
let cpuMs = 0;
let framesAtStart = 0;
let framesInWindow = 0;
createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, start, end] = line.trim().split(/\s+/);
  if (cmd === 'start') {
    cpuStart = process.cpuUsage();
    framesAtStart = frames;
    return;
  }
  if (cmd === 'stop' && cpuStart) {
    const used = process.cpuUsage(cpuStart);
    cpuMs = Math.round((used.user + used.system) / 1000);
    framesInWindow = frames - framesAtStart;
    return;
  }
  if (cmd !== 'report') return;
  const from = Number(start);
  const to = Number(end);
  const histogram = new Map();
  let delivered = 0;
  for (let i = 0; i < n; i++) {
    const s = sent[Math.floor(i / CHUNK)][i % CHUNK];
    if (s < from || s > to) continue;
    delivered++;
    const bucket = Math.max(0, Math.floor(latency[Math.floor(i / CHUNK)][i % CHUNK] / 100_000));
    histogram.set(bucket, (histogram.get(bucket) || 0) + 1);
  }
  const out = [`updates ${delivered} ${frameUpdates ? Math.round(frameBytes / frameUpdates) : 0} ${framesInWindow} ${closed} ${cpuMs}`];
  for (const [bucket, count] of [...histogram.entries()].sort((a, b) => a[0] - b[0])) out.push(`h ${bucket} ${count}`);
  out.push('end');
  process.stdout.write(out.join('\n') + '\n', () => {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  });
});
process.stdin.on('end', () => process.exit(0));
