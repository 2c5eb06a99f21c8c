import type { AppConfig } from '@portal/platform';

/**
 * What the api logs once it listens: where a person opens a portal in a browser (its home page),
 * and how programs reach the API (GraphQL is POST with JSON; a browser opening /graphql only gets
 * an explanation page).
 */
export function startupHints(
  config: Pick<AppConfig, 'port' | 'devHostSuffix'>,
  cityServed: boolean,
): string[] {
  const hints = [
    `GraphQL API: POST http://localhost:${config.port}/graphql with Content-Type: application/json (the Host header selects the portal)`,
  ];
  if (cityServed && config.devHostSuffix)
    hints.unshift(
      `in a browser: http://hochiminhcity.${config.devHostSuffix}:${config.port}/ (the city portal)`,
    );
  return hints;
}
