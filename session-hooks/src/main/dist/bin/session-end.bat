@echo off
rem AppStream SessionTermination script (context: system). Stops the recorder and waits until
rem everything it recorded is in S3 (or the budget ends), then prints a summary.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
"%JAVA%" -Xmx128m "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.hooks.HooksCli session-end --config "%ROOT%\config\recorder.json" --budget-seconds 50 %*
exit /b %ERRORLEVEL%
