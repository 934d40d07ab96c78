import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { StaffClientEvents, StaffServerEvents } from './staff.events';

export type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents>;

/** One room per tenant: every console of the tenant's staff, on every instance. */
export const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;

/** Sends inbox events to a tenant's staff (through Redis when instances share them). */
@Injectable()
export class StaffEmitter {
  private namespace?: StaffNamespace;

  attach(namespace: StaffNamespace): void {
    this.namespace = namespace;
  }

  toTenant(tenantId: string) {
    if (!this.namespace) throw new Error('the /staff namespace is not initialised');
    return this.namespace.to(tenantRoom(tenantId));
  }

  /** User ids with a console connected, on any instance; this instance's only when the others cannot be asked. */
  async online(tenantId: string): Promise<Set<string>> {
    if (!this.namespace) return new Set();
    const sockets = await this.namespace
      .in(tenantRoom(tenantId))
      .fetchSockets()
      .catch(() => this.namespace!.local.in(tenantRoom(tenantId)).fetchSockets());
    return new Set(sockets.map((s) => (s.data as { userId?: string }).userId).filter((id): id is string => !!id));
  }
}
