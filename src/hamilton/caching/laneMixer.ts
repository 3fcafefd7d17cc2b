/**
 * The bulk step of fingerprinting: 32-bit words mixed into 32 independent lanes, a 128-byte row at a
 * time (lane `j` takes words `j`, `j + 32`, `j + 64`, …). Each lane does a multiply and a shift per
 * word, as the rest of the hash does; 32 lanes keep the multiplies out of each other's way.
 *
 * The rows run in WebAssembly SIMD (eight 4-lane vectors) when the engine has it: a column is copied a
 * block at a time into the module's memory and mixed there at several times JavaScript's speed, where
 * the copy is the larger cost. Without WebAssembly SIMD (or where a page's policy refuses to compile
 * it) the same arithmetic runs in JavaScript, so a value's data version does not depend on the engine.
 */

/** Lanes mixed side by side. */
export const LANES = 32;
/** Bytes in one row: one word for each lane. */
export const ROW_BYTES = LANES * 4;
/** Bytes copied into the scratch block at a time (a multiple of {@link ROW_BYTES}, within a core's fast cache). */
export const BLOCK_BYTES = 64 * 1024;

// Multipliers by lane, alternating (the first lane's is FNV's prime, the second's murmur2's).
const MULTIPLIERS = [0x01000193, 0x5bd1e995] as const;
const SHIFT = 15;

/** Mixes rows copied into `block` into `lanes`. */
export interface LaneMixer {
  /** The lanes' running state, {@link LANES} of them: set their start before the first `mix`. */
  readonly lanes: Int32Array;
  /** Where the caller copies the bytes to mix, {@link BLOCK_BYTES} of them at most. */
  readonly block: Uint8Array;
  /** Mixes the first `bytes` of `block` (a multiple of {@link ROW_BYTES}) into `lanes`. */
  mix(bytes: number): void;
}

/** The mixer in JavaScript. */
export function javascriptMixer(): LaneMixer {
  const lanes = new Int32Array(LANES);
  const words = new Int32Array(BLOCK_BYTES / 4);
  return {
    lanes,
    block: new Uint8Array(words.buffer),
    mix(bytes: number): void {
      const end = bytes >>> 2;
      for (let j = 0; j < LANES; j++) {
        const multiplier = MULTIPLIERS[j & 1];
        let lane = lanes[j];
        for (let i = j; i < end; i += LANES) {
          lane = Math.imul(lane ^ words[i], multiplier);
          lane ^= lane >>> SHIFT;
        }
        lanes[j] = lane;
      }
    },
  };
}

// The WebAssembly module, built from its instructions (its text form is in the comments).
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
};
const bytesOf = (word: number) => [word & 255, (word >>> 8) & 255, (word >>> 16) & 255, word >>> 24];
const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
const list = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
const simd = (op: number) => [0xfd, ...uleb(op)];
const I32_CONST = 0x41;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const V128_LOAD = simd(0x00);
const V128_STORE = simd(0x0b);
const V128_CONST = simd(0x0c);
const V128_XOR = simd(0x51);
const I32X4_SHR_U = simd(0xad);
const I32X4_MUL = simd(0xb5);
const VECTORS = LANES / 4;
// Memory: the lanes in its first ROW_BYTES, the block after them (two 64 KB pages hold both).
const memarg = (offset: number) => [4, ...uleb(offset)];

/** `(func (export "mix") (param $bytes i32) …)`: locals 1 `$at`, 2 `$end`, 3… the vectors, then the multipliers. */
function mixFunction(): number[] {
  const AT = 1;
  const END = 2;
  const VECTOR = 3;
  const MULTIPLY = VECTOR + VECTORS;
  const code: number[] = [];
  // $multiply = v128.const i32x4 FNV murmur FNV murmur
  code.push(...V128_CONST, ...[0, 1, 0, 1].flatMap((k) => bytesOf(MULTIPLIERS[k])), LOCAL_SET, MULTIPLY);
  // $vK = v128.load offset=16K (i32.const 0)
  for (let k = 0; k < VECTORS; k++)
    code.push(I32_CONST, 0, ...V128_LOAD, ...memarg(k * 16), LOCAL_SET, VECTOR + k);
  // $at = ROW_BYTES; $end = $bytes + ROW_BYTES
  code.push(I32_CONST, ...uleb(ROW_BYTES), LOCAL_SET, AT);
  code.push(LOCAL_GET, 0, I32_CONST, ...uleb(ROW_BYTES), 0x6a /* i32.add */, LOCAL_SET, END);
  // block (br_if 0 (i32.ge_u $at $end)) loop
  code.push(0x02, 0x40, LOCAL_GET, AT, LOCAL_GET, END, 0x4f /* i32.ge_u */, 0x0d, 0, 0x03, 0x40);
  for (let k = 0; k < VECTORS; k++) {
    // $vK = i32x4.mul (v128.xor $vK (v128.load offset=16K $at)) $multiply; $vK ^= i32x4.shr_u $vK 15
    code.push(LOCAL_GET, VECTOR + k, LOCAL_GET, AT, ...V128_LOAD, ...memarg(k * 16), ...V128_XOR);
    code.push(LOCAL_GET, MULTIPLY, ...I32X4_MUL, LOCAL_TEE, VECTOR + k);
    code.push(LOCAL_GET, VECTOR + k, I32_CONST, SHIFT, ...I32X4_SHR_U, ...V128_XOR, LOCAL_SET, VECTOR + k);
  }
  // br_if 0 (i32.lt_u (local.tee $at (i32.add $at ROW_BYTES)) $end) end end
  code.push(LOCAL_GET, AT, I32_CONST, ...uleb(ROW_BYTES), 0x6a, LOCAL_TEE, AT, LOCAL_GET, END, 0x49, 0x0d, 0);
  code.push(0x0b, 0x0b);
  // v128.store offset=16K (i32.const 0) $vK
  for (let k = 0; k < VECTORS; k++)
    code.push(I32_CONST, 0, LOCAL_GET, VECTOR + k, ...V128_STORE, ...memarg(k * 16));
  code.push(0x0b);
  const locals = list([
    [2, 0x7f /* i32 */],
    [VECTORS + 1, 0x7b /* v128 */],
  ]);
  return [...locals, ...code];
}

function mixModule(): Uint8Array<ArrayBuffer> {
  const body = mixFunction();
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, list([[0x60, 1, 0x7f, 0]])), // type (func (param i32))
    ...section(3, list([[0]])), // the function
    ...section(5, list([[0, 2]])), // memory 2
    ...section(
      7,
      list([
        [...name('memory'), 2, 0],
        [...name('mix'), 0, 0],
      ]),
    ),
    ...section(10, list([[...uleb(body.length), ...body]])),
  ]);
}

/** The mixer in WebAssembly SIMD, or undefined where the engine cannot compile it. */
export function webAssemblyMixer(): LaneMixer | undefined {
  try {
    // Synchronous on purpose: the module is a few hundred bytes, under every engine's limit for that.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(mixModule()));
    const memory = instance.exports.memory as WebAssembly.Memory;
    const mix = instance.exports.mix as (bytes: number) => void;
    return {
      lanes: new Int32Array(memory.buffer, 0, LANES),
      block: new Uint8Array(memory.buffer, ROW_BYTES, BLOCK_BYTES),
      mix,
    };
  } catch {
    return undefined;
  }
}

let chosen: LaneMixer | undefined;

/** The fastest mixer this engine has, made on first use. */
export function laneMixer(): LaneMixer {
  return (chosen ??= webAssemblyMixer() ?? javascriptMixer());
}
