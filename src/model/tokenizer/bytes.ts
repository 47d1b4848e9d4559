// GPT-2's reversible byte ↔ printable-unicode mapping, as used by Hugging Face's ByteLevel pre-tokenizer
// and decoder: every byte gets a visible code point so BPE vocab entries are plain JSON strings.

function buildByteToChar(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const keep = new Set(printable);
  const out: string[] = new Array(256);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    // Printable latin-1 bytes map to themselves; the rest (controls, space, …) to U+0100 upwards, in byte order.
    out[b] = String.fromCharCode(keep.has(b) ? b : 256 + next++);
  }
  return out;
}

/** BYTE_TO_CHAR[b] is the one-code-point string standing for byte b. */
export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

/** The inverse: code point → byte (undefined for characters outside the mapping). */
export const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));

/**
 * Byte-level string (as in a HF vocab/merges entry) → bytes; throws naming the token when a char is not a byte char.
 */
export function byteLevelToBytes(s: string, what: string): Uint8Array {
  const out = new Uint8Array(s.length);
  let n = 0;
  for (const ch of s) {
    const b = CHAR_TO_BYTE.get(ch);
    if (b === undefined) {
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      throw new Error(`${what}: character U+${code} in ${JSON.stringify(s)} is not a ByteLevel byte character`);
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

export function bytesToByteLevel(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += BYTE_TO_CHAR[b];
  return s;
}
