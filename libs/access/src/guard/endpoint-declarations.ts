import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessDeclaration } from '@portal/platform';

export interface EndpointDeclaration {
  /** `Query.portal`, `Mutation.grantRole`, `GET /health/live`. */
  endpoint: string;
  /** `public`, `authenticated`, `read Account`, or `UNDECLARED`. */
  access: string;
}

const ENTRY_POINTS = new Set(['Query', 'Mutation', 'Subscription']);
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

function describe(declaration: AccessDeclaration | undefined): string {
  if (!declaration) return 'UNDECLARED';
  return declaration.kind === 'ability' ? `${declaration.action} ${declaration.subject}` : declaration.kind;
}

/**
 * Lists every GraphQL entry point and HTTP route with the access it declares. The application
 * refuses to start when one declares nothing (the guard would refuse it anyway), and a test
 * snapshots the list so that any change to who can reach what shows up in review.
 */
@Injectable()
export class EndpointDeclarations implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  list(): EndpointDeclaration[] {
    const found: EndpointDeclaration[] = [];
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      const classPath = Reflect.getMetadata('path', wrapper.metatype) as string | undefined;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
          handler,
          wrapper.metatype,
        ]);
        const gqlType = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        if (gqlType && ENTRY_POINTS.has(gqlType)) {
          const gqlName =
            (Reflect.getMetadata('graphql:resolver_name', handler) as string | undefined) ?? name;
          found.push({ endpoint: `${gqlType}.${gqlName}`, access: describe(declaration) });
          continue;
        }
        const routePath = Reflect.getMetadata('path', handler) as string | undefined;
        const method = Reflect.getMetadata('method', handler) as number | undefined;
        if (routePath !== undefined && method !== undefined && classPath !== undefined) {
          const path = `/${[classPath, routePath].filter((p) => p && p !== '/').join('/')}`.replace(
            /\/+/g,
            '/',
          );
          found.push({
            endpoint: `${HTTP_METHODS[method] ?? method} ${path}`,
            access: describe(declaration),
          });
        }
      }
    }
    return found.sort((a, b) => a.endpoint.localeCompare(b.endpoint));
  }

  onApplicationBootstrap(): void {
    const undeclared = this.list().filter((e) => e.access === 'UNDECLARED');
    if (undeclared.length) {
      throw new Error(
        `Endpoints without an access declaration (@Public, @Authenticated or @CheckAbility): ${undeclared.map((e) => e.endpoint).join(', ')}`,
      );
    }
  }
}
