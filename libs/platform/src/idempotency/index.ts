export * from './idempotency.service';
export * from './idempotency-key.decorator';
