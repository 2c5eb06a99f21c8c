import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable, isLostTransaction } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it('knows a refused or cut connection, a server going down or starting, wrapped or not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    // pg rejects with a plain object; graphql-js wraps it (NonErrorThrown.thrownValue).
    expect(
      isDatabaseUnavailable(
        new GraphQLError('Unexpected error value', {
          originalError: Object.assign(new Error('wrapped'), {
            thrownValue: { errno: -111, code: 'ECONNREFUSED' },
          }),
        }),
      ),
    ).toBe(true);
    const typeorm = Object.assign(new Error('terminating connection due to unexpected postmaster exit'), {
      driverError: { code: '57P01' },
    });
    expect(isDatabaseUnavailable(new GraphQLError('x', { originalError: typeorm }))).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P03', message: 'the database system is starting up' })).toBe(
      true,
    );
    expect(isDatabaseUnavailable({ code: '08006', message: 'connection failure' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused, refused]))).toBe(true);
    const released = Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), {
      name: 'QueryRunnerAlreadyReleasedError',
    });
    expect(isDatabaseUnavailable(new GraphQLError('x', { originalError: released }))).toBe(true);
    expect(isLostTransaction(released)).toBe(true);
  });

  it('leaves every other error alone', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(
      isDatabaseUnavailable({ code: '23505', message: 'duplicate key value violates unique constraint' }),
    ).toBe(false);
    expect(
      isDatabaseUnavailable({ code: '57014', message: 'canceling statement due to statement timeout' }),
    ).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
