// Records straight from PhysioNet: 'physionet:<database>/<version>/<record>' (wfdb-python's pn_dir) is read over
// HTTP range requests from https://physionet.org/files/<database>/<version>/<record>.hea and its signal files: the
// header, then only the bytes of [from, to) (io/ranged.ts). Works wherever fetch() does (Node ≥ 18, browsers,
// workers); a ByteCache keeps what was fetched (Node: a directory, browsers: IndexedDB).
import { FormatError } from '../errors.js';
import { latin1 } from './latin1.js';
import { readWfdbRanged } from './ranged.js';
import { httpGet, httpSource, type HttpSourceOptions, type ByteCache } from './http-source.js';
import { isMultiSegmentHeader, parseWfdbHeader } from './wfdb-header.js';
import type { WfdbReadOptions } from './wfdb-part.js';
import type { WfdbRecord } from './wfdb-signal.js';
import type { RangeSource } from './ranged.js';
import { parseWfdbAnnotationFile, inRecordSamples, type Annotation } from './wfdb-annotation.js';

export const PHYSIONET_FILES = 'https://physionet.org/files/';
/** Largest header fetched (a WFDB header is a few lines; a multi-kB one is still text, 1 MiB is not). */
const MAX_HEADER_BYTES = 1 << 20;

export interface PhysionetReadOptions extends WfdbReadOptions, HttpSourceOptions {
  /** Where the database folders are (default https://physionet.org/files/). */
  baseUrl?: string;
}

export type PhysionetPath = `physionet:${string}`;

export function isPhysionetPath(p: unknown): p is PhysionetPath {
  return typeof p === 'string' && p.startsWith('physionet:');
}

/** 'physionet:mitdb/1.0.0/100' → its parts; refuses anything but plain path words (no '..', no query). */
export function parsePhysionetPath(p: string): { database: string; version: string; record: string } {
  const rest = p.slice('physionet:'.length).replace(/\.hea$/, '');
  const parts = rest.split('/');
  const word = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
  if (parts.length < 3 || parts.some((s) => !word.test(s) || s === '.' || s === '..'))
    throw new FormatError(
      p.slice(0, 200),
      "not a PhysioNet record path: 'physionet:<database>/<version>/<record>', e.g. physionet:mitdb/1.0.0/100",
    );
  return { database: parts[0], version: parts[1], record: parts.slice(2).join('/') };
}

/** Reads a record (or with { from, to, channels } a part) from PhysioNet or a server in its layout. */
export async function readPhysionetRecord(
  path: string,
  opts: PhysionetReadOptions = {},
): Promise<WfdbRecord & { from: number; bytesRead: number; url: string }> {
  const { database, version, record } = parsePhysionetPath(path);
  let base = opts.baseUrl ?? PHYSIONET_FILES;
  if (!base.endsWith('/')) base += '/';
  const dir = `${base}${database}/${version}/${record
    .split('/')
    .slice(0, -1)
    .map((s) => s + '/')
    .join('')}`;
  const name = record.split('/').pop() as string;
  const heaUrl = `${dir}${name}.hea`;
  const text = await fetchText(heaUrl, opts);
  if (isMultiSegmentHeader(text))
    throw new FormatError(heaUrl, 'a multi-segment record: PhysioNet reads take single-segment records (for now)');
  const header = parseWfdbHeader(text, heaUrl);
  const files: Record<string, RangeSource> = Object.create(null);
  for (const s of header.signals) {
    if (files[s.fileName]) continue;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s.fileName))
      throw new FormatError(heaUrl, `signal file name '${s.fileName.slice(0, 80)}' is not a plain file name`);
    files[s.fileName] = await httpSource(dir + s.fileName, opts);
  }
  const rec = await readWfdbRanged(
    text,
    files,
    opts.from !== undefined || opts.to !== undefined || opts.channels ? opts : {},
  );
  return { ...rec, url: heaUrl };
}

/** The folder URL and record name of a 'physionet:' path. */
function locate(path: string, baseUrl?: string): { dir: string; name: string } {
  const { database, version, record } = parsePhysionetPath(path);
  let base = baseUrl ?? PHYSIONET_FILES;
  if (!base.endsWith('/')) base += '/';
  const parts = record.split('/');
  const name = parts.pop() as string;
  return { dir: `${base}${database}/${version}/${parts.map((s) => s + '/').join('')}`, name };
}

/** Largest annotation file fetched (MIT-BIH's are ~10 kB; a 24-h Holter's a few MB). */
const MAX_ANNOTATION_BYTES = 64 * 1024 * 1024;

/**
 * A record's annotations from PhysioNet ('physionet:mitdb/1.0.0/100', 'atr'), in the record's sample numbers (a file
 * with its own time resolution is converted with the header's frame rate).
 */
export async function readPhysionetAnnotations(
  path: string,
  ext: string,
  opts: PhysionetReadOptions = {},
): Promise<Annotation[]> {
  if (!/^[A-Za-z0-9_]{1,32}$/.test(ext)) throw new FormatError(ext.slice(0, 40), 'not an annotator name');
  const { dir, name } = locate(path, opts.baseUrl);
  const url = `${dir}${name}.${ext}`;
  const key = `${url}#whole`;
  let bytes = opts.cache ? await opts.cache.get(key) : undefined;
  if (!bytes) {
    bytes = (await httpGet(url, {}, { ...opts, maxWholeBytes: MAX_ANNOTATION_BYTES })).body;
    if (bytes.length > MAX_ANNOTATION_BYTES) throw new FormatError(url, `an annotation file of ${bytes.length} bytes`);
    if (opts.cache) await opts.cache.put(key, bytes);
  }
  const f = parseWfdbAnnotationFile(bytes, url);
  if (f.timeResolution === null) return f.annotations;
  const text = await fetchText(`${dir}${name}.hea`, opts);
  const fs = parseWfdbHeader(text, `${dir}${name}.hea`).fs;
  return inRecordSamples(f, fs);
}

async function fetchText(url: string, opts: HttpSourceOptions & { cache?: ByteCache | null }): Promise<string> {
  const key = `${url}#text`;
  let bytes = opts.cache ? await opts.cache.get(key) : undefined;
  if (!bytes) {
    const r = await httpGet(url, {}, { ...opts, maxWholeBytes: MAX_HEADER_BYTES });
    if (r.body.length > MAX_HEADER_BYTES) throw new FormatError(url, `a header of ${r.body.length} bytes`);
    bytes = r.body;
    if (opts.cache) await opts.cache.put(key, bytes);
  }
  return latin1(bytes); // as rdsamp reads headers
}
