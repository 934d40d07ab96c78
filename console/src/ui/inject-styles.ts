import { conversationStyles } from '../conversations/styles';
import { knowledgeStyles } from '../knowledge/styles';
import { roleStyles } from '../roles/styles';
import { usageStyles } from '../usage/styles';
import { baseStyles } from './base-styles';
import { layoutStyles } from './layout-styles';

/** All of the console's CSS in one <style>, added once at start (the CSP allows inline styles, not scripts). */
export function injectStyles(): void {
  if (document.getElementById('console-styles')) return;
  const style = document.createElement('style');
  style.id = 'console-styles';
  style.textContent = [baseStyles, layoutStyles, conversationStyles, roleStyles, knowledgeStyles, usageStyles].join('\n');
  document.head.append(style);
}
