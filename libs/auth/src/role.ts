/** The account roles (README, Roles and scopes): each has its own scope. */
export const ROLES = ['provider', 'broker', 'regional', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that belong to a learning centre (and so must name one). */
export const LEARNING_CENTRE_ROLES: readonly Role[] = ['provider', 'broker'];
