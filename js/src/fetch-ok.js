// fetch() that fails with the URL and the status instead of handing back an error page.
/** fetch(url), failing with the URL and status unless the response is ok. */
export async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasm-ssl: cannot load ${url}: HTTP ${response.status}`);
  return response;
}
