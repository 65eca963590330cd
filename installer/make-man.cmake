# Writes the man page of `cotation` from the program's own help, so that the
# page never lags behind the commands. Run at build time:
#   cmake -DCOTATION=path/to/cotation -DOUT=cotation.1 -DVERSION=x.y.z -DDATE=AAAA-MM-JJ -P make-man.cmake
cmake_policy(VERSION 3.25)
execute_process(COMMAND "${COTATION}" --help OUTPUT_VARIABLE help ERROR_VARIABLE err RESULT_VARIABLE rc
                ENCODING UTF-8)
if(NOT rc EQUAL 0 OR help STREQUAL "")
  message(FATAL_ERROR "« ${COTATION} --help » a échoué (code ${rc}) : ${err}")
endif()

# The help becomes a preformatted block: roff escapes for backslashes,
# minus signs (options) and lines that would read as requests.
string(REPLACE "\\" "\\e" help "${help}")
string(REPLACE "-" "\\-" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(REGEX REPLACE "\n+$" "" help "${help}")

set(page [=[.\" Page générée à partir de « cotation --help » par installer/make-man.cmake.
.TH COTATION 1 "%%DATE%%" "Cotation %%VERSION%%" "Commandes utilisateur"
.\" Texte français : ni césure anglaise, ni justification.
.nh
.ad l
.SH NOM
cotation \- instruction des appels à candidatures en ligne de commande
.SH SYNOPSIS
.B cotation
.I COMMANDE
.RI [ ARGUMENTS "] [" OPTIONS ]
.SH DESCRIPTION
.B cotation
fait en ligne de commande, pour le travail par lots, les scripts et les
essais, tout ce que fait l'atelier
.BR cotation\-workbench (1)
: créer une campagne sur une grille, importer des dossiers et des notes,
vérifier la complétude et la conformité, classer, consolider, tenir la
séance de la commission, décider et écrire les lettres, les comptes rendus
et le procès\-verbal en PDF.
Une campagne (un appel) est un seul fichier
.IR .cot ,
rangé où l'utilisateur le veut.
.SH COMMANDES
L'aide du programme
.RB ( "cotation \-\-help" )
:
.PP
.nf
%%HELP%%
.fi
.SH FICHIERS
.TP
.I /usr/share/cotation/
Grilles
.RI ( scoring\-grids/ ),
formulaires
.RI ( forms/ ),
modèles de lettres
.RI ( templates/ ),
données de référence
.RI ( data/ )
et campagnes de démonstration
.RI ( demo/ ).
.TP
.I /usr/share/doc/cotation/docs/
Formats des fichiers CSV, des grilles et des modèles, procédure, équipe.
.SH ENVIRONNEMENT
.TP
.B COTATION_DATA_DIR
Dossier à lire à la place de
.I /usr/share/cotation
(grilles, formulaires et modèles d'un service).
.TP
.B COTATION_UTILISATEUR
Auteur des modifications inscrit au journal quand
.B \-\-par
n'est pas donné (à défaut :
.BR USER ).
.SH EXEMPLE
.nf
cotation demo /tmp/d.cot \-\-appel uphv
cotation rank /tmp/d.cot
cotation letters /tmp/d.cot \-\-out lettres/
.fi
.SH VOIR AUSSI
.BR cotation\-workbench (1),
.I /usr/share/doc/cotation/README.md
]=])
string(REPLACE "%%DATE%%" "${DATE}" page "${page}")
string(REPLACE "%%VERSION%%" "${VERSION}" page "${page}")
string(REPLACE "%%HELP%%" "${help}" page "${page}")
file(WRITE "${OUT}.tmp" "${page}")
file(RENAME "${OUT}.tmp" "${OUT}")
