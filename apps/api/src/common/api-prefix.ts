/** Every JSON API route lives under this prefix (api.md); pages and operations do not. */
export const API_PREFIX = 'api/v1';
