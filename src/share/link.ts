/**
 * Share links: the URL is the document. A link's hash is `#h1.` followed by base64url of the
 * deflate-raw compressed JSON of a {@link Workspace}. Nothing is stored on a server.
 *
 * Decoding never trusts its input: the text is checked before it is decoded, inflation stops as soon as
 * the output passes {@link WORKSPACE_LIMITS.maxBytes} (a deflate bomb costs at most one chunk more), and
 * the JSON is rebuilt by {@link parseWorkspace}. Every failure is a value with a message, never a throw.
 */
import { Inflate, deflateSync } from 'fflate';
import type { Workspace } from './workspace';
import { WORKSPACE_LIMITS, parseWorkspace } from './validate';

/** The link format this playground writes. */
export const LINK_PREFIX = 'h1.';

/** Why a link could not be opened. */
export type LinkProblem = 'malformed' | 'too-large' | 'future-version' | 'invalid';

/** The outcome of {@link decodeLink}. */
export type DecodedLink =
  | { readonly ok: true; readonly workspace: Workspace }
  | { readonly ok: false; readonly problem: LinkProblem; readonly message: string };

/** deflate-raw of 512 KB is never more than ~0.1% larger; base64 adds a third. Longer text is refused unread. */
const MAX_LINK_CHARS = Math.ceil(((WORKSPACE_LIMITS.maxBytes * 1.01 + 64) * 4) / 3) + 16;
/** Compressed bytes fed to the inflater at a time: at most ~1 MB of output each, so the limit check is prompt. */
const INFLATE_CHUNK = 1024;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The JSON a link carries: the workspace without the fields that are empty (they decode to their defaults). */
function compact(workspace: Workspace): Record<string, unknown> {
  const json: Record<string, unknown> = { version: workspace.version, files: workspace.files };
  if (workspace.activeFile !== workspace.files[0]?.name) json.activeFile = workspace.activeFile;
  if (Object.keys(workspace.inputs).length) json.inputs = workspace.inputs;
  if (Object.keys(workspace.config).length) json.config = workspace.config;
  if (workspace.outputs.length) json.outputs = workspace.outputs;
  if (workspace.outputsChosen) json.outputsChosen = true;
  if (Object.keys(workspace.tables).length) json.tables = workspace.tables;
  return json;
}

/** The hash (with its `#`) that opens `workspace`. */
export function encodeLink(workspace: Workspace): string {
  const bytes = new TextEncoder().encode(JSON.stringify(compact(workspace)));
  return `#${LINK_PREFIX}${toBase64Url(deflateSync(bytes, { level: 9 }))}`;
}

/** Inflates `compressed`, or returns null when the result would exceed `limit` bytes. Throws on corrupt data. */
function inflateLimited(compressed: Uint8Array, limit: number): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    ended ||= final;
  });
  for (let offset = 0; offset < compressed.length && size <= limit; offset += INFLATE_CHUNK) {
    const end = Math.min(offset + INFLATE_CHUNK, compressed.length);
    inflater.push(compressed.subarray(offset, end), end === compressed.length);
  }
  if (size > limit) return null;
  // An empty input never reaches a final push; a stream that did not finish is truncated.
  if (!ended) throw new Error('the compressed data ends early');
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const fail = (problem: LinkProblem, message: string): DecodedLink => ({ ok: false, problem, message });

/**
 * Decodes a link's hash (with or without its `#`). Returns null when the hash is not a share link at all
 * (empty, or some other anchor), so the caller can tell "no link" from "a broken link".
 */
export function decodeLink(hash: string): DecodedLink | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const version = /^h(\d+)\./.exec(text);
  if (!version)
    return text.startsWith('h') && /^h\d/.test(text)
      ? fail('malformed', 'the link has no format marker')
      : null;
  if (text.slice(0, version[0].length) !== LINK_PREFIX) {
    return Number(version[1]) > 1
      ? fail('future-version', `it was made by a newer playground (link format h${version[1]})`)
      : fail('malformed', `unknown link format h${version[1]}`);
  }
  const body = text.slice(LINK_PREFIX.length);
  if (body.length > MAX_LINK_CHARS) return fail('too-large', 'it holds more than 512 KB');
  const compressed = fromBase64Url(body);
  if (!compressed || compressed.length === 0) return fail('malformed', 'it is not valid base64url');
  let bytes: Uint8Array | null;
  try {
    bytes = inflateLimited(compressed, WORKSPACE_LIMITS.maxBytes);
  } catch {
    return fail('malformed', 'it is truncated or damaged');
  }
  if (!bytes) return fail('too-large', 'it decodes to more than 512 KB');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('malformed', 'it does not hold valid JSON');
  }
  const parsed = parseWorkspace(json);
  if (parsed.ok) return parsed;
  return fail(parsed.reason, parsed.message);
}

/** The full URL that opens `workspace` on the page at `base` (its own hash is replaced). */
export function linkUrl(workspace: Workspace, base: string): string {
  const url = new URL(base);
  url.hash = encodeLink(workspace).slice(1);
  return url.toString();
}
