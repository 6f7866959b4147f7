import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditEventEntity } from '@backbridge/persistence';
import { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';

/** Who changed what: admin actions and started work. Callers pass no secrets in `details`. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async record(actor: Principal | string, action: string, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
    await this.events.insert(this.events.create({ actor: typeof actor === 'string' ? actor : actor.id, action, target, details }) as never);
  }
}
