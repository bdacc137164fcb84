# Shared by the project's scripts: finds a JDK 21+ and keeps the Python tools in .venv up to date.
# Sourced, not run.

project_root=$(CDPATH= cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# Uses JAVA_HOME when it holds JDK 21 or newer, else a JDK from the usual Linux location: 21 itself (what
# Lambda runs) when there is one, otherwise the oldest newer one. The build targets 21 either way.
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
        if [ -n "$major" ] && [ "$major" -ge 21 ] && { [ -z "$best" ] || [ "$major" -lt "$best_major" ]; }; then
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

# Creates .venv and installs a requirements file into it (default requirements-dev.txt, everything the tests
# use), again only when that file or one it includes changes.
use_python_tools() {
    local requirements="$project_root/${1:-requirements-dev.txt}"
    local venv="$project_root/.venv"
    local stamp="$venv/.installed-$(basename "$requirements").sha256"
    local wanted
    wanted=$(cat "$requirements" "$project_root"/requirements-*.txt | sha256sum | cut -d' ' -f1)
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "Installing the Python tools of $(basename "$requirements") into .venv..." >&2
        "$venv/bin/python" -m pip install --quiet --upgrade pip >&2
        "$venv/bin/python" -m pip install --quiet -r "$requirements" >&2
        echo "$wanted" > "$stamp"
    fi
}

# Builds the function (classes and the runtime classpath file) when the sources changed since the last build.
# SKIP_BUILD=true says the caller keeps target/ current itself (the test suite, which is a build).
build_function_if_needed() {
    [ "${SKIP_BUILD:-false}" = true ] && return
    local stamp="$project_root/target/function-built.stamp"
    if [ ! -f "$stamp" ] || [ ! -f "$project_root/target/runtime-classpath.txt" ] \
        || [ -n "$(find "$project_root/src/main" "$project_root/pom.xml" -newer "$stamp" -print -quit)" ]; then
        echo "Building the function..." >&2
        (cd "$project_root" && ./mvnw -B -q --no-transfer-progress -Dmaven.test.skip=true package) >&2
        touch "$stamp"
    fi
}

# The classpath the function runs with in Lambda: its classes and its runtime dependencies.
function_classpath() {
    echo "$project_root/target/classes:$(cat "$project_root/target/runtime-classpath.txt")"
}

# Starts the local front (src/main/java/.../local/LocalApi: the real handler behind an HTTP server) in the
# background, owned by the caller (its pid in api_pid); PORT, SEED and the function's settings come from the
# environment. With a log file, its log lines (standard output) go there and its welcome text (standard error,
# which holds a token to paste) next to it, in .console.txt; without, both stay on the terminal.
api_pid=""
start_local_front() {
    local log=${1:-}
    if [ -n "$log" ]; then
        mkdir -p "$(dirname -- "$log")"
        local_front >"$log" 2>"${log%.log}.console.txt" &
    else
        local_front &
    fi
    api_pid=$!
}

# Replaces the (background) shell it runs in with the front's JVM, so that api_pid is the JVM itself.
local_front() {
    exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(function_classpath)" \
        com.orbiqhq.drafts.local.LocalApi
}

# Settings for a run whose front only the run's own tools call: a fresh table named after the run, local AWS
# credentials, the local issuer and audience, and an HS256 key for this run only, shared by the front (to verify)
# and the run's tools (to sign); any other key or claim setting of the caller's environment is dropped.
use_run_only_settings() {
    local run=$1
    export TABLE_NAME="$run-$(date +%s)" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
    export JWT_ISSUER=https://auth.local.test JWT_AUDIENCE=documents-api
    export JWT_HS256_SECRET="$run-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')"
    unset JWT_JWKS JWT_JWKS_URL JWT_TENANT_CLAIM JWT_ROLE_CLAIM WRITER_ROLES MAX_BODY_BYTES
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Uses DYNAMODB_ENDPOINT when set; otherwise starts moto on a free loopback port, owned by this script
# (its pid in local_dynamodb_pid), and exports DYNAMODB_ENDPOINT for it.
local_dynamodb_pid=""
start_local_dynamodb() {
    if [ -n "${DYNAMODB_ENDPOINT:-}" ]; then
        return
    fi
    local port log
    port=$(free_port)
    log="$project_root/target/local-dynamodb.log"
    mkdir -p "$project_root/target"
    "$project_root/.venv/bin/python" "$project_root/scripts/lib/moto_server.py" --port "$port" >"$log" 2>&1 &
    local_dynamodb_pid=$!
    export DYNAMODB_ENDPOINT="http://127.0.0.1:$port"
    await_http "$DYNAMODB_ENDPOINT/moto-api/" "$local_dynamodb_pid" "The local DynamoDB" "$log"
}

# Waits until a server this script started answers at a URL; gives up after 30 s or when the server exits.
await_http() {
    local url=$1 pid=$2 what=$3 log=$4 tries=0
    until curl -s -o /dev/null "$url"; do
        tries=$((tries + 1))
        if [ "$tries" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "$what did not start; see $log" >&2
            exit 1
        fi
        sleep 0.1
    done
}

# Stops, and waits for, every process whose pid is given (those this script started).
stop_processes() {
    local pid
    for pid in "$@"; do
        [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "$@"; do
        [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
    done
}

# The Lambda Runtime Interface Emulator, built once into .tools from its Go module (pinned version).
rie_module="github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"
rie_version="v0.0.0-20261030222936-bef5c4ba774d"
runtime_interface_emulator() {
    local tools="$project_root/.tools"
    local binary="$tools/aws-lambda-rie-$rie_version"
    if [ ! -x "$binary" ]; then
        if ! command -v go >/dev/null 2>&1; then
            echo "Building the Lambda runtime interface emulator needs Go (https://go.dev/dl/)." >&2
            exit 1
        fi
        echo "Building the Lambda runtime interface emulator ($rie_version)..." >&2
        mkdir -p "$tools"
        GOBIN="$tools" CGO_ENABLED=0 go install "$rie_module@$rie_version" >&2
        mv "$tools/aws-lambda-rie" "$binary"
    fi
    echo "$binary"
}

# Dynoxide, a DynamoDB-compatible server that is fast and safe under concurrency (npm package, pinned), started on
# a free loopback port and owned by this script (pid in local_dynamodb_pid); exports DYNAMODB_ENDPOINT.
dynoxide_version="1.2.1"
start_dynoxide() {
    local tools="$project_root/.tools/dynoxide-$dynoxide_version"
    local binary="$tools/node_modules/@dynoxide/linux-x64/dynoxide"
    if [ ! -x "$binary" ]; then
        echo "Installing Dynoxide $dynoxide_version..." >&2
        mkdir -p "$tools"
        npm install --silent --no-audit --no-fund --prefix "$tools" "@dynoxide/linux-x64@$dynoxide_version" >&2
    fi
    local port
    port=$(free_port)
    "$binary" serve --host 127.0.0.1 --port "$port" >"$project_root/target/dynoxide.log" 2>&1 &
    local_dynamodb_pid=$!
    export DYNAMODB_ENDPOINT="http://127.0.0.1:$port"
    await_http "$DYNAMODB_ENDPOINT" "$local_dynamodb_pid" "Dynoxide" "$project_root/target/dynoxide.log"
}
