rem PortImpact: change at host:this-host: close tcp+udp/135,445 inbound; 0 overlay rules ahead of it.
rem On Windows a block rule beats every allow rule, so the exceptions are not allow rules: each block rule's remote
rem addresses leave the exempt addresses out. Traffic that no block rule matches goes on to the existing rules.
rem Run from an elevated prompt. Each rule is deleted by name before it is added, so running it again replaces it
rem ("No rules match" on the first run is expected); rules of an earlier, different change keep their own names.
netsh advfirewall firewall delete rule name="PortImpact: host:this-host in tcp 135,445"
netsh advfirewall firewall add rule name="PortImpact: host:this-host in tcp 135,445" dir=in action=block protocol=TCP localport=135,445 remoteip=any
netsh advfirewall firewall delete rule name="PortImpact: host:this-host in udp 135,445"
netsh advfirewall firewall add rule name="PortImpact: host:this-host in udp 135,445" dir=in action=block protocol=UDP localport=135,445 remoteip=any
