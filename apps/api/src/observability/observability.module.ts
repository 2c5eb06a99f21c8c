import { Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  PortalMetrics,
  registerBackupMetrics,
  registerDatabasePoolMetrics,
  registerJobQueueMetrics,
  registerReplicaMetrics,
} from '@portal/platform';
import { TenancyModule } from '@portal/tenancy';
import { AnonymousResponseCache } from '../http/anonymous-response-cache';
import { GraphqlObserverPlugin } from './graphql-observer.plugin';
import { MetricsAccess } from './metrics-access';
import { MetricsController } from './metrics.controller';
import { RequestObserver } from './request-observer';
import { registerResponseCacheMetrics } from './response-cache-metrics';

/**
 * The api's request log and Prometheus metrics: one registry per process (each instance is
 * scraped on its own), the request observer installed outermost by `createApiApp`, the GraphQL
 * plugin that names operations, and GET /metrics.
 */
@Module({
  imports: [TenancyModule],
  controllers: [MetricsController],
  providers: [
    {
      provide: PortalMetrics,
      inject: [DataSource, ModuleRef],
      useFactory: (dataSource: DataSource, modules: ModuleRef) => {
        const metrics = new PortalMetrics();
        registerDatabasePoolMetrics(metrics.registry, dataSource);
        registerReplicaMetrics(metrics.registry, dataSource);
        registerJobQueueMetrics(metrics.registry, dataSource);
        registerBackupMetrics(metrics.registry, dataSource);
        let cache: AnonymousResponseCache | null = null;
        registerResponseCacheMetrics(metrics.registry, () => {
          cache ??= modules.get(AnonymousResponseCache, { strict: false });
          return cache;
        });
        return metrics;
      },
    },
    MetricsAccess,
    RequestObserver,
    GraphqlObserverPlugin,
  ],
  exports: [PortalMetrics, RequestObserver, MetricsAccess],
})
export class ApiObservabilityModule {}
