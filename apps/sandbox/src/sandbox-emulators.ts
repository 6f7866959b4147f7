import { cpmEmulator } from '@backbridge/cpm/emulator';
import { huaweiCbrEmulator } from '@backbridge/huawei-cbr/emulator';
import { ibmBackupRecoveryEmulator } from '@backbridge/ibm-backup-recovery/emulator';
import { portworxPdsEmulator } from '@backbridge/portworx-pds/emulator';
import type { SandboxEmulator } from './sandbox-emulator';

/** The emulators `npm start` runs; each plugin issue adds its own line. */
export const SANDBOX_EMULATORS: SandboxEmulator[] = [cpmEmulator, ibmBackupRecoveryEmulator, huaweiCbrEmulator, portworxPdsEmulator];
