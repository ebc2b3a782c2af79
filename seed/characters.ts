/**
 * Characters the seed data must not hold, and bytes that are not UTF-8.
 *
 * The dataset is published as text (GraphQL, CSV, JSON, the web page), so every string must show
 * what it says: no control characters (a NUL cuts C strings short, a BEL or ESC drives terminals),
 * no bidirectional controls (they make text display in another order than it is stored, the
 * "Trojan Source" trick), and no unpaired surrogates (UTF-8 cannot store them; SQLite would get
 * U+FFFD instead). Tab and line feed are ordinary text and allowed.
 */

const CONTROL_NAMES = [
  "NUL",
  "SOH",
  "STX",
  "ETX",
  "EOT",
  "ENQ",
  "ACK",
  "BEL",
  "BS",
  "TAB",
  "LF",
  "VT",
  "FF",
  "CR",
  "SO",
  "SI",
  "DLE",
  "DC1",
  "DC2",
  "DC3",
  "DC4",
  "NAK",
  "SYN",
  "ETB",
  "CAN",
  "EM",
  "SUB",
  "ESC",
  "FS",
  "GS",
  "RS",
  "US",
];

const BIDI_CONTROLS: Record<number, string> = {
  0x061c: "ARABIC LETTER MARK",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
};

// C0 controls but tab and line feed, DEL, C1 controls, the bidirectional controls, and (with the
// `u` flag a surrogate pair is one code point, so only an unpaired half matches) lone surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

const hex = (codeUnit: number) => `U+${codeUnit.toString(16).toUpperCase().padStart(4, "0")}`;

/** The character's code point and name, and the rule it breaks. */
function describeCharacter(codeUnit: number): [character: string, rule: string] {
  const control = "control characters are not allowed in the seed data";
  if (codeUnit < 0x20) return [`${hex(codeUnit)} (${CONTROL_NAMES[codeUnit]})`, control];
  if (codeUnit === 0x7f) return [`${hex(codeUnit)} (DEL)`, control];
  if (codeUnit <= 0x9f) return [`${hex(codeUnit)} (a C1 control)`, control];
  const bidi = BIDI_CONTROLS[codeUnit];
  if (bidi)
    return [
      `${hex(codeUnit)} (${bidi})`,
      "bidirectional controls make text display in another order than it is stored",
    ];
  return [`${hex(codeUnit)} (an unpaired surrogate)`, "UTF-8 cannot store an unpaired surrogate"];
}

/** Why `text` must not be stored (its first unsafe character, and how many there are), or undefined. */
export function unsafeCharacters(text: string): string | undefined {
  const found = [...text.matchAll(UNSAFE)];
  const first = found[0];
  if (!first) return undefined;
  const [character, rule] = describeCharacter(first[0].charCodeAt(0));
  const more = found.length > 1 ? ` (and ${found.length - 1} more such character${found.length > 2 ? "s" : ""})` : "";
  return `contains ${character} at character ${first.index + 1}${more}: ${rule}; remove it`;
}

/**
 * Calls `report` for every string in a parsed YAML value (field names included) that holds an
 * unsafe character, with the path of the field it is in.
 */
export function findUnsafeStrings(
  value: unknown,
  report: (path: (string | number)[], reason: string) => void,
  path: (string | number)[] = [],
): void {
  if (typeof value === "string") {
    const reason = unsafeCharacters(value);
    if (reason) report(path, reason);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      findUnsafeStrings(item, report, [...path, index]);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const reason = unsafeCharacters(key);
      if (reason) report([...path, key], `the field name ${reason}`);
      findUnsafeStrings(item, report, [...path, key]);
    }
  }
}

/** The byte offset of the first ill-formed UTF-8 sequence (Unicode's table of well-formed byte sequences), or -1. */
function firstIllFormedByte(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    // The second byte's range is narrower after some lead bytes: no overlong forms, no surrogates, nothing past U+10FFFF.
    let length: number;
    let [low, high] = [0x80, 0xbf];
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef)
      [length, low, high] = [3, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf];
    else if (lead >= 0xf0 && lead <= 0xf4)
      [length, low, high] = [4, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf];
    else return at;
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[at + next];
      if (byte === undefined || byte < (next === 1 ? low : 0x80) || byte > (next === 1 ? high : 0xbf)) return at;
    }
    at += length;
  }
  return -1;
}

export type DecodedText = { text: string } | { line: number; column: number; byte: number };

/**
 * Decodes a file's bytes as UTF-8, refusing what is not (rather than replacing it with U+FFFD,
 * which would store different text than the curator wrote); says where the first bad byte is.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const at = Math.max(0, firstIllFormedByte(bytes));
    const lineStart = at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1;
    const before = bytes.subarray(0, lineStart).filter((byte) => byte === 0x0a).length;
    const column = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, at)).length + 1;
    return { line: before + 1, column, byte: bytes[at] ?? 0 };
  }
}
