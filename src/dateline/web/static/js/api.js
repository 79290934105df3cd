// The REST API under /api. Every failure becomes an ApiError whose message is the server's own
// {"error": "..."} text, so pages can show the analyst what was wrong with their filter.

export class ApiError extends Error {}

/** GET /api/<path> with the non-empty query values; resolves to the parsed JSON. */
export async function get(path, query = {}, signal) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  const url = text ? `/api/${path}?${text}` : `/api/${path}`;
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(`The dateline server did not answer (${url}): is \`dateline serve\` still running?`);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(body?.error ?? `${url} answered ${response.status} ${response.statusText}`);
  }
  return body;
}

/** True for the error a fetch raises when the page it was for has been left: nothing to show for it. */
export function isAbort(error) {
  return error?.name === "AbortError";
}
