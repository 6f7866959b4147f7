import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { buildOpenApiDocument } from './swagger';

/**
 * The OpenAPI document as JSON text, built in Nest's preview mode: the module graph is read for
 * its routes and DTOs, no provider is instantiated and no database is touched.
 */
export async function buildOpenApiFile(): Promise<string> {
  const config = loadConfig({ LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(32) });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, databaseUrl: 'postgres://unused@127.0.0.1:1/unused', secretsKey: randomBytes(32), plugins: [] }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
