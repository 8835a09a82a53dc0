// The resume protocol of `openecg batch --out`: an output is a sequence of lines, each one whole JSON object with its
// record id and the settings that made it. What a resumed run keeps is counted on the bytes (a line holding an
// invalid UTF-8 byte keeps its length), and ends at the first line that is not such an object.

/** Ids and settings (as JSON text) of the complete lines at the start of `buf`, and the bytes they occupy. */
export function completeLinesOf(buf: Uint8Array): { ids: string[]; settings: string[]; bytes: number } {
  const ids: string[] = [];
  const settings: string[] = [];
  const utf8 = new TextDecoder('utf-8');
  let bytes = 0;
  for (let start = 0, nl = buf.indexOf(10); nl >= 0; start = nl + 1, nl = buf.indexOf(10, start)) {
    let o: { id?: unknown; settings?: unknown };
    try {
      o = JSON.parse(utf8.decode(buf.subarray(start, nl)));
    } catch {
      break;
    }
    if (!o || typeof o !== 'object' || typeof o.id !== 'string') break;
    ids.push(o.id);
    settings.push(JSON.stringify(o.settings ?? null));
    bytes = nl + 1;
  }
  return { ids, settings, bytes };
}
