/** The list's query when a transcript was opened from it, so "back to the list" keeps the filters. */
let lastSearch = '';

export function rememberListSearch(search: string): void {
  lastSearch = search;
}

export function listSearch(): string {
  return lastSearch;
}
