import { Module } from '@nestjs/common';
import { BackupsController } from './backups/backups.controller';
import { ObjectLocator } from './common/object-locator.service';
import { JobsController } from './jobs/jobs.controller';
import { JobsService } from './jobs/jobs.service';
import { ListService } from './lists/list.service';
import { OperationsController } from './operations/operations.controller';
import { OperationPoller } from './operations/operation-poller.service';
import { OperationQueue } from './operations/operation-queue.service';
import { OperationWorker } from './operations/operation-worker.service';
import { OperationsService } from './operations/operations.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { RecoveryPointsController } from './recovery-points/recovery-points.controller';
import { RecoveryPointsService } from './recovery-points/recovery-points.service';
import { ResourcesController } from './resources/resources.controller';
import { ResourcesService } from './resources/resources.service';
import { RestoresController } from './restores/restores.controller';
import { VaultsController } from './vaults/vaults.controller';
import { VaultsService } from './vaults/vaults.service';

/** Resources, policies, recovery points, backups, restores, jobs, operations and vaults. */
@Module({
  controllers: [
    ResourcesController,
    PoliciesController,
    RecoveryPointsController,
    BackupsController,
    RestoresController,
    JobsController,
    OperationsController,
    VaultsController,
  ],
  providers: [ListService, ObjectLocator, ResourcesService, PoliciesService, RecoveryPointsService, JobsService, OperationsService, OperationQueue, OperationPoller, OperationWorker, VaultsService],
})
export class UnifiedApiModule {}
