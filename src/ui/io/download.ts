/** Saves text or a blob as a file: a Blob URL behind a temporary <a download>, then freed. */
export function download(name: string, data: string | Blob, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download synchronously in every browser; free the URL afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
