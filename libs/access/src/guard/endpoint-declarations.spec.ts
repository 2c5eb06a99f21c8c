import 'reflect-metadata';
import { Controller, Get } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { CheckAbility, Public } from '@portal/platform';
import { EndpointDeclarations } from './endpoint-declarations';

@Resolver()
class DeclaredResolver {
  @Query(() => String)
  @Public()
  hello(): string {
    return 'hi';
  }

  @Mutation(() => String, { name: 'renamedMutation' })
  @CheckAbility('create', 'Account')
  doIt(): string {
    return 'done';
  }
}

@Resolver()
class ForgetfulResolver {
  @Query(() => String)
  forgotten(): string {
    return 'oops';
  }
}

@Controller('things')
class ThingsController {
  @Get(':id')
  @Public()
  one(): string {
    return 'thing';
  }
}

async function boot(...providers: Array<new (...args: never[]) => unknown>) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers: [ThingsController],
    providers: [EndpointDeclarations, ...providers],
  }).compile();
  return moduleRef;
}

describe('EndpointDeclarations', () => {
  it('lists entry points and routes with their declared access', async () => {
    const moduleRef = await boot(DeclaredResolver);
    expect(moduleRef.get(EndpointDeclarations).list()).toEqual([
      { endpoint: 'GET /things/:id', access: 'public' },
      { endpoint: 'Mutation.renamedMutation', access: 'create Account' },
      { endpoint: 'Query.hello', access: 'public' },
    ]);
  });

  it('refuses to start an application with an undeclared entry point', async () => {
    const moduleRef = await boot(DeclaredResolver, ForgetfulResolver);
    expect(moduleRef.get(EndpointDeclarations).list()).toContainEqual({
      endpoint: 'Query.forgotten',
      access: 'UNDECLARED',
    });
    await expect(moduleRef.init()).rejects.toThrow(/Query\.forgotten/);
  });
});
