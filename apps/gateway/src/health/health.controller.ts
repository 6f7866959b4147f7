import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { hasPendingMigrations } from '@backbridge/persistence';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and every migration has run' })
  @ApiOkResponse({ description: 'Ready.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body says which check failed.' })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      async () => {
        const check = this.indicators.check('migrations');
        try {
          return (await hasPendingMigrations(this.dataSource)) ? check.down({ pending: true }) : check.up();
        } catch {
          return check.down({ message: 'could not read the migrations table' });
        }
      },
    ]);
  }
}
