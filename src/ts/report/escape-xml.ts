// Text as XML/HTML character data or attribute values, for the SVG strip and the Holter page: markup characters as
// entities; characters XML 1.0 does not allow (C0 controls but tab, newline and carriage return; lone surrogates;
// U+FFFE, U+FFFF) shown as \xNN / \uNNNN text, so a control character in a file name or an EDF label can never make
// the output ill-formed. Well-formed surrogate pairs (astral characters) are kept.
const NOT_XML = /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/g;
const PAIR = /^[\ud800-\udbff][\udc00-\udfff]$/;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(s: unknown): string {
  return String(s)
    .replace(NOT_XML, (c) => {
      if (PAIR.test(c)) return c;
      const h = c.charCodeAt(0).toString(16);
      return c.charCodeAt(0) < 0x100 ? `\\x${h.padStart(2, '0')}` : `\\u${h.padStart(4, '0')}`;
    })
    .replace(/[<>&"']/g, (c) => ENTITY[c]);
}
