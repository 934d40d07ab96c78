/** The chat chunk's file name (`chat-<hash>.js`), put in by the rollup build. */
declare const __CUSTOMCHAT_CHAT_FILE__: string;
