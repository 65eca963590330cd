#!/usr/bin/env bash
# Run by installer/test-deb.sh INSIDE a fresh Debian 12 root (mmdebstrap),
# as root, with the packages in /tmp/paquets: the older one (version with
# a ~) and the one to test. Writes its log, the screenshot and the figures
# to /tmp/resultats, which test-deb.sh copies out.
set -euo pipefail
# `cmd | grep -q` or `cmd | head` fails under pipefail when the reader quits
# early and cmd then dies of SIGPIPE: seen on a loaded machine. The essay
# reads the whole output first: `grep -q … <<<"$(cmd)"`.
R=/tmp/resultats
mkdir -p "$R"
exec > >(tee "$R/journal.txt") 2>&1
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
step() { echo; echo "== $*"; }
fail() { echo "ÉCHEC : $*"; exit 1; }
# A document that cannot be written is noted and the essay goes on (the
# other checks still say something); the essay fails at the end.
soft() {
  if "$@" >/tmp/soft.out 2>&1; then
    tail -1 /tmp/soft.out
  else
    cat /tmp/soft.out
    echo "${*: -3} : $(tail -1 /tmp/soft.out)" >>"$R/echecs.txt"
  fi
}
OLD="$(ls /tmp/paquets/cotation_*~*.deb)"
NEW="$(ls /tmp/paquets/cotation_*.deb | grep -v '~')"
USER_NAME=instructrice
HOME_DIR=/home/$USER_NAME
as_user() { runuser -u "$USER_NAME" -- env HOME="$HOME_DIR" LC_ALL=C.UTF-8 "$@"; }
useradd -m "$USER_NAME"

step "Racine Debian $(cat /etc/debian_version) neuve : $(dpkg-query -f '.\n' -W | wc -l) paquets"

step "Installation de l'ancien paquet ($(basename "$OLD")) sur la racine neuve"
apt-get install -y -q "$OLD" >"$R/apt-ancien.txt"
grep -E "^[0-9]+ upgraded|newly installed" "$R/apt-ancien.txt" || true
# The Depends line must be enough: nothing unresolved before any test tool is added.
for exe in /usr/bin/cotation /usr/bin/cotation-workbench; do
  if grep -q "not found" <<<"$(ldd "$exe")"; then ldd "$exe"; fail "bibliothèque manquante pour $exe"; fi
done
echo "ldd : toutes les bibliothèques de cotation et cotation-workbench sont là."

step "Campagnes de l'utilisatrice, créées avec l'ancienne version (dans son dossier, jamais sous /usr)"
as_user mkdir -p "$HOME_DIR/campagnes"
for call in act-hlm crt uphv; do
  as_user cotation demo "$HOME_DIR/campagnes/$call.cot" --appel "$call" --etape complete
  as_user cotation rank "$HOME_DIR/campagnes/$call.cot" >"$R/classement-$call-avant.txt"
done
(cd "$HOME_DIR/campagnes" && sha256sum ./*.cot) >"$R/campagnes-avant.sha256"

step "Mise à jour vers $(basename "$NEW")"
apt-get install -y -q "$NEW" >"$R/apt-nouveau.txt"
# mmdebstrap's root turns Recommends off, the apt of a workstation installs
# them: add them as it would have (desktop-file-utils: the double click).
recommends="$(dpkg-deb -f "$NEW" Recommends | tr -d ',')"
echo "Recommends du paquet, installés comme sur un poste : $recommends"
apt-get install -y -q $recommends >>"$R/apt-nouveau.txt"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' cotation
(cd "$HOME_DIR/campagnes" && sha256sum -c "$R/campagnes-avant.sha256")
for call in act-hlm crt uphv; do
  as_user cotation rank "$HOME_DIR/campagnes/$call.cot" >"$R/classement-$call-apres.txt"
  cmp "$R/classement-$call-avant.txt" "$R/classement-$call-apres.txt" || fail "classement $call changé par la mise à jour"
  as_user cotation journal verify "$HOME_DIR/campagnes/$call.cot"
done
echo "Mise à jour : campagnes intactes (mêmes sommes SHA-256, mêmes classements, journaux vérifiés)."

step "Programmes installés"
if cotation --version >/dev/null 2>&1; then
  as_user cotation --version
else
  echo "(cotation --version absent de cette branche : cotation --help)"
  head -3 <<<"$(as_user cotation --help)"
fi
step "cotation demo /tmp/d.cot --appel uphv"
rm -f /tmp/d.cot
as_user cotation demo /tmp/d.cot --appel uphv
step "cotation rank /tmp/d.cot"
as_user cotation rank /tmp/d.cot | tee "$R/classement-uphv.txt"
step "Documents"
as_user mkdir -p /tmp/docs
soft as_user cotation letters /tmp/d.cot --out /tmp/docs/lettres-uphv
for call in act-hlm crt uphv; do
  soft as_user cotation letters "$HOME_DIR/campagnes/$call.cot" --out "/tmp/docs/lettres-$call-complete"
  soft as_user cotation commission "$HOME_DIR/campagnes/$call.cot" --out "/tmp/docs/dossier-commission-$call.pdf"
  soft as_user cotation pv "$HOME_DIR/campagnes/$call.cot" --out "/tmp/docs/proces-verbal-$call.pdf"
  soft as_user cotation rapports "$HOME_DIR/campagnes/$call.cot" --out "/tmp/docs/rapports-$call"
done
find /tmp/docs -name '*.pdf' | sort >"$R/documents.txt"
echo "$(wc -l <"$R/documents.txt") PDF écrits ($(du -sk /tmp/docs | cut -f1) Kio) :"
for d in /tmp/docs/*/; do echo "  $d : $(ls "$d" | wc -l) PDF, $(du -sk "$d" | cut -f1) Kio"; done
ls -l /tmp/docs/*.pdf
[ -s "$R/documents.txt" ] || fail "aucun document écrit"

step "Outils de l'essai (après coup, pour ne rien prêter au paquet) : Xvfb, xwd, gio, pdftotext"
apt-get install -y -q --no-install-recommends xvfb xauth x11-utils x11-apps libglib2.0-bin poppler-utils >/dev/null
first="$(grep -m1 /lettres- "$R/documents.txt")"
[ -n "$first" ] || first="$(head -1 "$R/documents.txt")"
pdfinfo "$first" | grep -E "^(Pages|Page size|Producer|Title)" || true
pdffonts "$first" | tail -n +3
head -25 <<<"$(pdftotext -layout "$first" -)" >"$R/premiere-lettre.txt"
grep -q "é" "$R/premiere-lettre.txt" || fail "la lettre n'a pas d'accents lisibles"
echo "Première lettre ($first), début :"; head -12 "$R/premiere-lettre.txt"

step "Type de fichier et application par défaut (ce que fait un double clic)"
gio info -a standard::content-type "$HOME_DIR/campagnes/uphv.cot" | grep content-type
head -2 <<<"$(gio mime application/x-cotation)"
grep -q "application/x-cotation" <<<"$(gio info -a standard::content-type "$HOME_DIR/campagnes/uphv.cot")" \
  || fail "un fichier .cot n'est pas reconnu comme application/x-cotation"
grep -q "fr.cotation.Cotation.desktop" <<<"$(gio mime application/x-cotation)" \
  || fail "l'atelier n'est pas l'application par défaut des campagnes"
ls /usr/share/icons/hicolor/*/apps/cotation.* | tr '\n' ' '; echo

step "L'atelier sous Xvfb"
# A chroot shares the host's abstract X sockets: let Xvfb pick a free
# display (-displayfd) rather than assume one. -noreset: without it the
# server resets when the first workbench quits and, on a loaded machine,
# refuses the double-clicked one meanwhile (« Unable to initialize GTK+ »).
# Ending it at exit, whatever happens, ends the workbenches drawn on it.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -noreset -nolisten tcp 3>/tmp/display 2>/dev/null &
XPID=$!
trap 'kill "$XPID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -s /tmp/display ] && break; sleep 0.1; done
[ -s /tmp/display ] || fail "Xvfb n'a pas démarré"
D=":$(cat /tmp/display)"
echo "Écran virtuel $D"
wait_window() {  # title pattern
  for _ in $(seq 1 200); do
    if grep -q "$1" <<<"$(DISPLAY=$D xwininfo -root -tree 2>/dev/null)"; then return 0; fi
    sleep 0.1
  done
  return 1
}
as_user env DISPLAY=$D NO_AT_BRIDGE=1 cotation-workbench /tmp/d.cot --vue classement \
  --evaluateur "Isabelle Renaud (Département 17, direction de l'autonomie)" >"$R/atelier.txt" 2>&1 &
WPID=$!
wait_window "Cotation — " || { cat "$R/atelier.txt"; fail "la fenêtre de l'atelier n'est pas apparue"; }
sleep 3
grep "Cotation" <<<"$(DISPLAY=$D xwininfo -root -tree)" | head -3 || true
DISPLAY=$D xwd -root -silent >"$R/installe.xwd"
# runuser does not pass the signal on: end its child, the workbench.
pkill -TERM -P "$WPID" || true
wait "$WPID" 2>/dev/null || true

# A double click: the file manager asks GIO to open the file with its
# default application, i.e. runs the Exec line of the desktop entry.
as_user env DISPLAY=$D NO_AT_BRIDGE=1 gio open "$HOME_DIR/campagnes/crt.cot" >"$R/double-clic.txt" 2>&1 || true
# Opened without --evaluateur: first the "who are you" question, titled
# with the campaign's reference.
if wait_window "Cotation — AAC CRT"; then
  sleep 3
  echo "Double clic sur crt.cot : l'atelier s'ouvre sur la campagne."
  grep "Cotation — " <<<"$(DISPLAY=$D xwininfo -root -tree)" | head -3 || true
  DISPLAY=$D xwd -root -silent >"$R/double-clic.xwd"
else
  cat "$R/double-clic.txt"; head -20 <<<"$(DISPLAY=$D xwininfo -root -tree)"
  fail "gio open crt.cot n'a pas ouvert l'atelier"
fi
# Its pid is unknown (gio started it): ending the display ends it.
kill "$XPID"; wait "$XPID" 2>/dev/null || true
trap - EXIT

step "Purge : rien ne reste"
snapshot() {  # every path of the root but the volatile ones
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp -o -path /home \
    -o -path /var/log -o -path /var/cache -o -path /var/lib/apt -o -path /var/lib/dpkg \) -prune -o -print | sort
}
cp "$R/campagnes-avant.sha256" /tmp/sommes
dpkg --purge cotation >/dev/null
snapshot >/tmp/apres-purge-1.txt
apt-get install -y -q "$NEW" >/dev/null
dpkg --purge cotation >/dev/null
snapshot >/tmp/apres-purge-2.txt
if ! diff /tmp/apres-purge-1.txt /tmp/apres-purge-2.txt >"$R/purge-diff.txt"; then
  cat "$R/purge-diff.txt"; fail "une installation suivie d'une purge laisse des fichiers"
fi
left="$(grep -i cotation /tmp/apres-purge-2.txt || true)"
[ -z "$left" ] || { echo "$left"; fail "fichiers « cotation » restés après la purge"; }
if grep -rl "cotation" /usr/share/mime /usr/share/applications /usr/share/icons/hicolor 2>/dev/null; then
  fail "les caches du bureau parlent encore de cotation après la purge"
fi
status="$(dpkg-query -W -f='${Status}' cotation 2>/dev/null || true)"
case "$status" in *" installed"|*config-files*) fail "dpkg garde cotation : $status" ;; esac
(cd "$HOME_DIR/campagnes" && sha256sum -c --quiet /tmp/sommes) && echo "Les campagnes de l'utilisatrice restent (elles sont à elle)."
echo "Purge : aucun fichier ne reste (installation + purge : arborescence identique, $(wc -l </tmp/apres-purge-2.txt) chemins)."

if [ -s "$R/echecs.txt" ]; then
  step "Essai terminé, mais des documents n'ont pas pu être écrits :"
  cat "$R/echecs.txt"
  exit 1
fi
step "Essai réussi"
touch "$R/REUSSI"
