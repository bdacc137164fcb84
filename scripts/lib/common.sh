# Shared by the project's scripts: finds a JDK 21+ and keeps the Python tools in .venv up to date.
# Sourced, not run.

project_root=$(CDPATH= cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# Uses JAVA_HOME when it holds JDK 21 or newer, else the newest such JDK in the usual Linux location.
use_java_21() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
        export JAVA_HOME
        return
    fi
    local candidate best="" best_major=0 major
    for candidate in /usr/lib/jvm/*/; do
        candidate=${candidate%/}
        [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate
            best_major=$major
        fi
    done
    if [ -z "$best" ]; then
        echo "No JDK 21 or newer found: install one and set JAVA_HOME to it." >&2
        exit 1
    fi
    export JAVA_HOME=$best
}

# Creates .venv and installs requirements-dev.txt into it, again only when that file changes.
use_python_tools() {
    local venv="$project_root/.venv" stamp
    stamp="$venv/.requirements.sha256"
    local wanted
    wanted=$(sha256sum "$project_root/requirements-dev.txt" | cut -d' ' -f1)
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        "$venv/bin/python" -m pip install --quiet --upgrade pip
        "$venv/bin/python" -m pip install --quiet -r "$project_root/requirements-dev.txt"
        echo "$wanted" > "$stamp"
    fi
}
