/**
 * Entry point: the phone's first load. Only the home screen (create / join / solo) lives here; the host, player
 * and solo screens, socket.io-client, KaTeX and Phaser are all behind dynamic import() (no mathjs reaches a browser).
 */
import './styles.css';
import { showHome } from './screens/home';
import { parseJoinCode } from './app/routes';
import { mountScreen, h } from './app/dom';
import { registerHome } from './app/navigate';
import { resumeInfo } from './app/session';
import { watchScrollRegions } from './app/scroll-regions';

type Route = 'home' | 'host' | 'play' | 'party' | 'solo' | 'reports';

function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  if (hash === 'host' || hash === 'play' || hash === 'party' || hash === 'solo' || hash === 'reports') return hash;
  // One game's report page: #/reports/CODE/GAME (the home page's list of games hosted here).
  if (/^reports\/[A-Z0-9]{4,8}\/\d{1,3}$/.test(hash)) return 'reports';
  return 'home';
}

async function render(): Promise<void> {
  const route = currentRoute();
  try {
    if (route === 'solo') {
      const { showSolo } = await import('./screens/solo/solo-screen');
      showSolo();
    } else if (route === 'reports') {
      const { showReports } = await import('./screens/report/report-page');
      showReports();
    } else if (route === 'host' && resumeInfo('host')) {
      const { resumeHost } = await import('./screens/host/host-screen');
      await resumeHost();
    } else if (route === 'party' && resumeInfo('player')) {
      const { resumeParty } = await import('./screens/party/party-screen');
      await resumeParty();
    } else if (route === 'play' && resumeInfo('player')) {
      const { resumePlayer } = await import('./screens/player/player-screen');
      await resumePlayer();
    } else {
      showHome(parseJoinCode(location));
    }
  } catch (err) {
    console.error(err);
    mountScreen('page', h('div', { class: 'page narrow' }, h('h1', {}, 'Something went wrong'),
      h('p', {}, 'The page could not load. Check your connection and reload.'),
      h('button', { class: 'primary', onclick: () => location.reload() }, 'Reload')));
  }
}

registerHome(showHome);
watchScrollRegions();
window.addEventListener('hashchange', () => void render());
void render();
