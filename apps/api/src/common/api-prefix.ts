/** Every JSON API route lives under this prefix (README, API overview); pages and operations do not. */
export const API_PREFIX = 'api/v1';
