import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { observeGraphql } from './observed-request';

/**
 * Tells the request log and the metrics which operation a GraphQL request ran and which error
 * codes it answered (Apollo knows both; the HTTP layer does not).
 */
@Plugin()
export class GraphqlObserverPlugin implements ApolloServerPlugin<BaseContext> {
  async requestDidStart({
    contextValue,
  }: {
    contextValue: BaseContext;
  }): Promise<GraphQLRequestListener<BaseContext> | void> {
    const req = (contextValue as { req?: object }).req;
    if (!req) return;
    const observed = observeGraphql(req);
    return {
      async didResolveOperation({ operation }) {
        observed.operationName = operation?.name?.value ?? '(anonymous)';
      },
      async willSendResponse({ request, response }) {
        if (!observed.operationName && request.operationName)
          observed.requestedName = request.operationName.slice(0, 100);
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (errors?.length)
          observed.errorCodes = errors.map((e) => {
            const code = e.extensions?.code;
            return typeof code === 'string' ? code : 'UNKNOWN';
          });
      },
    };
  }
}
