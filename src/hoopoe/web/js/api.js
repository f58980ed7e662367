// The dashboard's only way to the server: same-origin GETs on /api/. Errors come back in the API's one
// error shape ({"error": {"status", "code", "message", "details"}}) and are raised as ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function getJSON(path, params = new URLSearchParams(), { signal } = {}) {
  const query = params.toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
    signal,
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const err = body && body.error;
    throw new ApiError(response.status, err ? err.code : "http_error",
      err ? err.message : `${path}: HTTP ${response.status}`);
  }
  return body;
}
