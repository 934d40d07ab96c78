import { Module } from '@nestjs/common';
import { ClusterReplies } from './cluster-replies';

/**
 * What instances ask each other about replies. Depends on no chat provider: the chat hands it
 * its live replies when the gateway starts (ClusterReplies.attach), so the modules are not circular.
 * The socket.io adapter itself is installed by app.factory.ts (RedisStreamsIoAdapter).
 */
@Module({ providers: [ClusterReplies], exports: [ClusterReplies] })
export class ClusterModule {}
