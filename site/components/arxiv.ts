// arXiv links, shared by the Sources list and the inline <Cite> component.

const ID = /^\d{4}\.\d{4,5}$/;
const VERSION = /^v\d+$/;

/** https://arxiv.org/abs/<id><version>; throws a message naming `who` when the id or version is malformed. */
export function arxivUrl(id: unknown, version?: unknown, who = 'arxivUrl'): string {
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new Error(`${who}: invalid arXiv id ${JSON.stringify(id)}; expected digits like "2312.11514"`);
  }
  if (version !== undefined && (typeof version !== 'string' || !VERSION.test(version))) {
    throw new Error(`${who}: invalid version ${JSON.stringify(version)}; expected "v" and a number, like "v2"`);
  }
  return `https://arxiv.org/abs/${id}${version ?? ''}`;
}
