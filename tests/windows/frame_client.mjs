// Talks native messaging to a host started as a browser would start it, and checks the frames both
// ways: lengths whose bytes are 0x0a, 0x0d and 0x1a, which a host with stdin/stdout in text mode
// corrupts on Windows (CR LF read as LF, 0x1a read as the end of the stream, LF written as CR LF).
//
//   node tests/windows/frame_client.mjs [--refused] -- COMMAND [ARG...]
//
// Allowed caller (default): three `hello` requests padded to 0x0a0d, 0x011a and 0x010a bytes (the
// length's first bytes read 0d 0a, 1a, 0a), each answered ok by optout-host; then error replies
// sized to 0x010a, 0x010d and 0x011a bytes (an unknown type of \u0001s and an id of chosen length,
// sized from a probe's reply); then stdin closed: the host exits 0 with nothing more written.
// --refused: one `hello`, answered with error caller_not_allowed. Prints one line on success;
// on failure what was expected and seen, exit 1. scripts/test-windows.sh runs it under wine.
import { spawn } from 'node:child_process';

const argv = process.argv.slice(2);
const refused = argv[0] === '--refused';
const sep = argv.indexOf('--');
if (sep < 0 || sep + 1 >= argv.length) {
  console.error('usage: node tests/windows/frame_client.mjs [--refused] -- COMMAND [ARG...]');
  process.exit(2);
}
const [command, ...args] = argv.slice(sep + 1);
const TIMEOUT_MS = 60_000;

const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
let out = Buffer.alloc(0);
let stderr = '';
let exited = null;
let wake = () => {};
child.stdout.on('data', (d) => { out = Buffer.concat([out, d]); wake(); });
child.stderr.on('data', (d) => { stderr += d; });
child.on('exit', (code, signal) => { exited = { code, signal }; wake(); });
child.on('error', (e) => fail(`cannot start ${command}: ${e.message}`));
child.stdin.on('error', () => {}); // EPIPE when the host is gone: reported as a missing reply
const timer = setTimeout(() => fail(`no answer within ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);

function fail(message) {
  console.error(`frame client: FAIL: ${message}`);
  if (out.length) console.error(`frame client: unread stdout bytes: ${out.subarray(0, 64).toString('hex')}${out.length > 64 ? '...' : ''}`);
  if (stderr.trim()) console.error(`frame client: host stderr:\n${stderr.trim()}`);
  child.kill('SIGKILL');
  process.exit(1);
}

const hex = (n) => `0x${n.toString(16).padStart(4, '0')}`;

function send(body) {
  const bytes = Buffer.from(body, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32LE(bytes.length);
  child.stdin.write(Buffer.concat([header, bytes]));
  return bytes.length;
}

// The next reply frame: its length (as the header says) and its JSON.
async function reply(what) {
  for (;;) {
    if (out.length >= 4) {
      const length = out.readUInt32LE(0);
      if (length > 1024 * 1024) fail(`${what}: reply length header ${out.subarray(0, 4).toString('hex')} = ${length}: not a frame`);
      if (out.length >= 4 + length) {
        const body = out.subarray(4, 4 + length).toString('utf8');
        out = out.subarray(4 + length);
        try {
          return { length, json: JSON.parse(body) };
        } catch {
          fail(`${what}: a reply of ${length} bytes that is not JSON: ${JSON.stringify(body.slice(0, 200))}`);
        }
      }
    }
    if (exited) fail(`${what}: the host exited (${JSON.stringify(exited)}) before replying`);
    await new Promise((resolve) => { wake = resolve; });
  }
}

function expect(what, cond, seen) {
  if (!cond) fail(`${what}: got ${JSON.stringify(seen).slice(0, 400)}`);
}

// A hello request of exactly `size` bytes (padded with an unknown field, which the host ignores).
function helloOfSize(id, size) {
  const base = JSON.stringify({ v: 1, id, type: 'hello', pad: '' });
  if (size < base.length) throw new Error(`hello cannot be ${size} bytes`);
  return JSON.stringify({ v: 1, id, type: 'hello', pad: 'x'.repeat(size - base.length) });
}

// An unknown-type request: the reply echoes the id (k bytes) and the type (m \u0001s, 6 bytes each).
const unknownType = (k, m) => JSON.stringify({ v: 1, id: 'q'.repeat(k), type: '\u0001'.repeat(m) });

async function main() {
  if (refused) {
    send(helloOfSize(1, 0x010a));
    const r = await reply('hello from a caller install did not register');
    expect('expected error caller_not_allowed', r.json.type === 'error' && r.json.ok === false &&
      r.json.error?.name === 'caller_not_allowed', r.json);
  } else {
    const sizes = [0x0a0d, 0x011a, 0x010a];
    for (const [i, size] of sizes.entries()) {
      expect(`request ${hex(size)} bytes`, send(helloOfSize(i + 1, size)) === size, size);
      const r = await reply(`hello of ${hex(size)} bytes`);
      expect(`hello of ${hex(size)} bytes: expected ok, id ${i + 1}, host optout-host`,
        r.json.type === 'hello' && r.json.ok === true && r.json.id === i + 1 && r.json.host?.name === 'optout-host', r.json);
    }
    send(unknownType(1, 1));
    const probe = await reply('probe');
    expect('probe: expected error unknown_type', probe.json.type === 'error' && probe.json.error?.name === 'unknown_type', probe.json);
    for (const target of [0x010a, 0x010d, 0x011a]) {
      // length(k, m) = probe + (k - 1) + 6 (m - 1), k and m in 1..64 (the host's limits)
      const extra = target - probe.length;
      const m = 1 + Math.max(0, Math.ceil((extra - 63) / 6));
      const k = 1 + extra - 6 * (m - 1);
      if (extra < 0 || m > 64 || k < 1 || k > 64) fail(`cannot size an error reply to ${hex(target)} bytes from a probe of ${probe.length}`);
      send(unknownType(k, m));
      const r = await reply(`reply sized ${hex(target)}`);
      expect(`error reply sized ${hex(target)}: expected that length, unknown_type, the id echoed`,
        r.length === target && r.json.error?.name === 'unknown_type' && r.json.id === 'q'.repeat(k),
        { length: r.length, reply: r.json });
    }
  }
  child.stdin.end();
  while (!exited) await new Promise((resolve) => { wake = resolve; });
  expect('at end of input: expected exit code 0', exited.code === 0, exited);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect('at end of input: expected no more output', out.length === 0, out.toString('hex'));
  clearTimeout(timer);
  console.log(refused ? 'refused: caller_not_allowed, exit 0'
    : 'hello x3 (requests 0x0a0d 0x011a 0x010a bytes), error replies 0x010a 0x010d 0x011a bytes, exit 0');
}

main().catch((e) => fail(e.stack));
