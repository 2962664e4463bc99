// Content-Disposition for downloads: an ASCII filename for old clients and the real (often Chinese)
// name as RFC 5987 filename*.
export function contentDisposition(fileName: string, asciiName = asciiFallback(fileName), inline = false): string {
  return `${inline ? "inline" : "attachment"}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function asciiFallback(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const extension = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, "") : "";
  const stem = (dot > 0 ? fileName.slice(0, dot) : fileName).replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${stem || "download"}${extension}`;
}
