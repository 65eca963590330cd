#!/usr/bin/env bash
# The workbench's command line (trial of issue 12): its help and the lack of a
# display said in French before GTK starts; an unknown view refused by name.
# Usage: workbench_command_line.sh WORKBENCH SOURCE_DIR
set -uo pipefail
wb=$1 src=$2
fail=0
check() { if ! grep -qF -- "$2" <<<"$1"; then echo "ÉCHEC : « $2 » absent de : $1"; fail=1; fi; }

out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$wb" --help 2>&1); rc=$?
[ $rc -eq 0 ] || { echo "ÉCHEC : --help sans affichage rend $rc"; fail=1; }
check "$out" "Usage : cotation-workbench [CAMPAGNE]"
check "$out" "--vue VUE : vue ouverte au démarrage :"
grep -q "GTK" <<<"$out" && { echo "ÉCHEC : anglais de GTK dans : $out"; fail=1; }

out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$wb" 2>&1 </dev/null); rc=$?
[ $rc -eq 2 ] || { echo "ÉCHEC : sans affichage, code $rc (2 attendu)"; fail=1; }
check "$out" "aucun affichage (variables DISPLAY et WAYLAND_DISPLAY vides)"

dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
out=$(timeout 60 "$src/scripts/with-xvfb.sh" "$wb" "$dir/demo.cot" --vue inconnue 2>&1 </dev/null); rc=$?
[ $rc -ne 0 ] || { echo "ÉCHEC : --vue inconnue acceptée"; fail=1; }
check "$out" "vue « inconnue » inconnue (--vue) ; les vues :"
exit $fail
