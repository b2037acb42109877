// The answer's format, from the common parameter `Format` (case-insensitive: the SDKs send `json`,
// `JSON` or `XML`). ECS documents XML as the default when Format is absent; every Alibaba client
// sends it (or signs with ACS3, which answers JSON), so without it the emulator answers JSON.
export type ResponseFormat = "JSON" | "XML";

export function responseFormat(params: Record<string, string>): ResponseFormat {
  return (params.Format ?? "").toUpperCase() === "XML" ? "XML" : "JSON";
}

export const CONTENT_TYPES: Record<ResponseFormat, string> = {
  JSON: "application/json;charset=utf-8",
  XML: "text/xml;charset=utf-8",
};
