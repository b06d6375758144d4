import { FieldProblem } from '@km/common';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['validation-error', 'Validation failed'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal-error', 'Internal server error'],
  503: ['service-unavailable', 'Service unavailable'],
};

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  return { type: `/problems/${slug}`, title, status, ...(detail ? { detail } : {}), ...extra };
}
