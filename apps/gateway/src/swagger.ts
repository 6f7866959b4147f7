import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from './common/problem.dto';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Backbridge')
    .setDescription(
      'One REST API for backup policies, protected resources, recovery points, restores and jobs across ' +
        'several backup vendors. Get a token with POST /v1/auth/token (an API key), then "Authorize" with it. ' +
        'Errors are RFC 9457 problem+json; lists page with opaque page tokens.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from POST /v1/auth/token.' })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto], operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

export function setupSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Backbridge API',
    swaggerOptions: { persistAuthorization: true },
  });
}
