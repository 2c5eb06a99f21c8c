import { Injectable } from '@nestjs/common';
import type { RoutedTenant } from './host-routing.service';

/** Renders the HTML page of a portal that does not answer (suspended), in the page's language. */
export type SuspendedPageRenderer = (tenant: RoutedTenant, locale: 'vi' | 'en') => string;

/**
 * The pages a browser sees when host resolution stops a request: the website registers how a
 * suspended portal's page looks (tenancy knows no layout). API clients keep their JSON answer.
 */
@Injectable()
export class HostProblemPages {
  private suspendedRenderer: SuspendedPageRenderer | null = null;

  registerSuspended(renderer: SuspendedPageRenderer): void {
    this.suspendedRenderer = renderer;
  }

  suspended(tenant: RoutedTenant, locale: 'vi' | 'en'): string | null {
    return this.suspendedRenderer ? this.suspendedRenderer(tenant, locale) : null;
  }
}
