// XML answers (`Format=XML`), shaped as ECS shapes them: `<?xml ...?><{Action}Response>` (errors:
// `<Error>`), one element per field in the JSON order; a list is its wrapper element holding one
// element per item, named like the list (`<Instances><Instance>…</Instance><Instance>…</Instance>`).
// Booleans and numbers are their JSON text; an empty list is an empty wrapper.

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** XML 1.0 text: escapes markup and drops the characters XML cannot carry. */
function text(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Field names become element names; characters an element name cannot hold become `_`. */
function elementName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_.-]/g, "_");
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

function element(key: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  const name = elementName(key);
  if (Array.isArray(value)) return value.map((item) => element(key, item)).join("");
  if (typeof value === "object") return `<${name}>${children(value as Record<string, unknown>)}</${name}>`;
  return `<${name}>${text(String(value))}</${name}>`;
}

function children(obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .map(([k, v]) => element(k, v))
    .join("");
}

/** The whole document: `root` is `{Action}Response` for an answer, `Error` for an error. */
export function toXmlDocument(root: string, body: Record<string, unknown>): string {
  return `${DECLARATION}<${elementName(root)}>${children(body)}</${elementName(root)}>`;
}
