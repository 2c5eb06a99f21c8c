import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NextFunction, Request, Response } from 'express';
import {
  DocumentNode,
  FieldNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  getArgumentValues,
  getLocation,
  getOperationAST,
  getVariableValues,
  parse,
} from 'graphql';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { routedTenantOf } from '@portal/tenancy';
import { PublicWriteGuard, PublicWriteProof, RateLimitedError } from './public-write-guard';

/** Public writes whose resolver calls `PublicWriteGuard.admit` before reading or checking anything else. */
const GATED_FIRST = new Set(['askQuestion']);
const MAX_DOCUMENTS = 256;

interface Shape {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  field: FieldNode;
  /** The full pipeline has refused this very document with RATE_LIMITED once (so Apollo's parsing,
   *  validation and limits accept it, and its one field reaches the guard). */
  confirmed: boolean;
}

/**
 * A flood refused before the GraphQL pipeline. For a client address whose limit is used up, a POST
 * that is a single public write (`askQuestion`, its proof passing the honeypot, no challenge
 * configured) is answered here with exactly what the pipeline would answer — HTTP 429, `Retry-After`
 * and the RATE_LIMITED error at the field's location and path, `data: null` — without Apollo,
 * the guards or the resolver: a refused write costs about a tenth of what it costs through the
 * pipeline, so one address flooding a portal takes little from everyone else's requests. The answer
 * is held back `PUBLIC_WRITES_REFUSAL_DELAY_MS` (a tarpit), which caps how fast a flood can go.
 *
 * Everything else goes on unchanged (any other address first: one map lookup), and so does every
 * request this cannot prove the pipeline would refuse the same way: signed-in callers, batches,
 * persisted queries, several fields, fragments or directives, variables that do not coerce, a filled
 * honeypot. A document is answered here only after the pipeline itself has refused it once with
 * RATE_LIMITED (proof that it parses, validates and passes the operation limits).
 */
@Injectable()
export class PublicWriteRefusalMiddleware implements NestMiddleware {
  private readonly shapes = new Map<string, Shape | null>();
  /** One error per Retry-After value (building an error captures a stack trace). */
  private readonly refusals = new Map<number, RateLimitedError>();
  /** Refusals waiting for their delay. */
  private delayed = 0;

  constructor(
    private readonly guard: PublicWriteGuard,
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The executable schema (the GraphQL module is the application's, not this module's). */
  private get schemaHost(): GraphQLSchemaHost {
    return this.modules.get(GraphQLSchemaHost, { strict: false });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'POST' || req.headers.authorization || this.guard.challengeRequired) return next();
    this.guard.addressRefusalSeconds(req.ip).then((seconds) => {
      if (seconds === null) return next();
      let refusal = this.refusals.get(seconds);
      if (!refusal) this.refusals.set(seconds, (refusal = new RateLimitedError(seconds)));
      this.refuseOrPass(refusal, req, res, next);
    }, next);
  }

  private refuseOrPass(refusal: RateLimitedError, req: Request, res: Response, next: NextFunction): void {
    const body = req.body as Record<string, unknown> | undefined;
    if (
      !routedTenantOf(req) ||
      !String(req.headers['content-type'] ?? '').startsWith('application/json') ||
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      typeof body.query !== 'string' ||
      body.extensions != null ||
      (body.operationName != null && typeof body.operationName !== 'string') ||
      (body.variables != null && (typeof body.variables !== 'object' || Array.isArray(body.variables)))
    )
      return next();
    const key = `${(body.operationName as string | null) ?? ''}\n${body.query}`;
    const shape = this.shapeOf(key, body.query, body.operationName as string | null);
    if (!shape) return next();
    const schema = this.schemaHost.schema;
    const fieldDef = schema.getMutationType()?.getFields()[shape.field.name.value];
    if (!fieldDef) return next();
    let proof: PublicWriteProof;
    try {
      const variables = getVariableValues(
        schema,
        shape.operation.variableDefinitions ?? [],
        (body.variables as Record<string, unknown> | null) ?? {},
      );
      if (variables.errors) return next();
      const args = getArgumentValues(fieldDef, shape.field, variables.coerced);
      proof = ((args.input as { proof?: PublicWriteProof | null } | undefined)?.proof ??
        {}) as PublicWriteProof;
    } catch {
      return next();
    }
    // The honeypot is checked before the limit: a filled one is answered by the pipeline.
    if (proof.website && proof.website.trim() !== '') return next();
    if (!shape.confirmed) {
      res.on('finish', () => {
        if (res.statusCode === 429) shape.confirmed = true;
      });
      return next();
    }
    const location = shape.field.loc ? getLocation(shape.field.loc.source, shape.field.loc.start) : null;
    const error = {
      message: refusal.text.en,
      ...(location ? { locations: [{ line: location.line, column: location.column }] } : {}),
      path: [(shape.field.alias ?? shape.field.name).value],
      extensions: {
        code: refusal.code,
        field: refusal.field,
        messageVi: refusal.text.vi,
        messageEn: refusal.text.en,
        status: refusal.httpStatus,
        retryAfterSeconds: refusal.retryAfterSeconds,
      },
    };
    const answer = () => {
      if (res.headersSent || res.destroyed) return;
      res.status(429);
      res.setHeader('retry-after', String(refusal.retryAfterSeconds));
      res.setHeader('cache-control', 'no-store');
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.send(`${JSON.stringify({ errors: [error], data: null })}\n`);
    };
    // Tarpit: the flooding address waits for its answer, so its connections carry few requests a
    // second and the event loop stays free for everyone else. Bounded, so that a flood on many
    // connections cannot hold unbounded sockets: past the bound, the answer goes at once.
    const delay = this.config.publicWrites.refusalDelayMs ?? 0;
    if (delay > 0 && this.delayed < (this.config.publicWrites.maxDelayedRefusals ?? 0)) {
      this.delayed += 1;
      setTimeout(() => {
        this.delayed -= 1;
        answer();
      }, delay).unref();
    } else answer();
  }

  /** The operation's single gated field, when the document is exactly that; cached per text. */
  private shapeOf(key: string, query: string, operationName: string | null): Shape | null {
    const known = this.shapes.get(key);
    if (known !== undefined) return known;
    let shape: Shape | null = null;
    try {
      const document = parse(query);
      const operation = getOperationAST(document, operationName);
      const selections = operation?.selectionSet.selections ?? [];
      const field = selections[0];
      if (
        operation &&
        operation.operation === 'mutation' &&
        !operation.directives?.length &&
        selections.length === 1 &&
        field.kind === Kind.FIELD &&
        !field.directives?.length &&
        GATED_FIRST.has(field.name.value)
      )
        shape = { document, operation, field, confirmed: false };
    } catch (e) {
      if (!(e instanceof GraphQLError)) throw e;
    }
    if (this.shapes.size >= MAX_DOCUMENTS) this.shapes.clear();
    this.shapes.set(key, shape);
    return shape;
  }
}
